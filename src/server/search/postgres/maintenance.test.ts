import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { PostgresSearchEngine } from "../postgres";
import { listingDoc } from "./fixtures";
import { rows } from "./sql";

describeEachDb(
  "embedded engine maintenance (PGlite has no autovacuum)",
  (t) => {
    /** What VACUUM / ANALYZE last counted: -1 (PostgreSQL 14+) until either has run. */
    const counted = async () => Number((await rows<{ n: number }>(t.db, sql`select reltuples::float8 as n from pg_class where relname = 'search_documents'`))[0]!.n);
    const docs = (n: number) => Array.from({ length: n }, (_, i) => listingDoc({ organizationId: randomUUID(), ref: `m${i}`, titleZh: "精梳棉纱" }));

    it("runs VACUUM ANALYZE once 50 + 20% of the documents have been written since the last run", async () => {
      const engine = new PostgresSearchEngine(t.db, { drainOnRead: false });
      expect(await counted()).toBeLessThanOrEqual(0);
      await engine.upsert("listing", docs(40));
      expect(await counted()).toBeLessThanOrEqual(0);
      // 60 written: past 50 + 20% of 0.
      await engine.upsert("listing", docs(20));
      expect(await counted()).toBe(60);
      // The planner now has statistics of the token and text columns.
      const stats = await rows<{ attname: string }>(t.db, sql`select attname from pg_stats where tablename = 'search_documents' and attname in ('tokens', 'tsv') order by attname`);
      expect(stats.map((s) => s.attname)).toEqual(["tokens", "tsv"]);
      // The next threshold is 50 + 12: five more writes (a deletion counts too) do not reach it…
      await engine.upsert("listing", docs(4));
      await engine.delete("listing", [randomUUID()]);
      expect(await counted()).toBe(60);
      // …sixty more do, whichever engine object writes them (the count is kept per database handle).
      await new PostgresSearchEngine(t.db, { drainOnRead: false }).upsert("listing", docs(60));
      expect(await counted()).toBe(124);
    });

    it("runs it after a rebuild, and on demand", async () => {
      const engine = new PostgresSearchEngine(t.db, { drainOnRead: false });
      await engine.rebuild(async function* (_tx, entity) {
        if (entity === "listing") yield docs(7);
      });
      expect(await counted()).toBe(7);
      await engine.upsert("listing", docs(3));
      expect(await counted()).toBe(7);
      await engine.maintain();
      expect(await counted()).toBe(10);
    });

    it("leaves the writes of an engine on a caller's transaction to the handle (VACUUM cannot run in a transaction block)", async () => {
      const before = await counted();
      await t.db.transaction(async (tx) => {
        await new PostgresSearchEngine(tx, { drainOnRead: false }).upsert("listing", docs(60));
      });
      expect(await counted()).toBe(before);
    });
  },
  { fresh: true },
);
