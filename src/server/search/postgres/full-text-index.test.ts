import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import type { ListingDocument } from "../documents";
import { f } from "../filter";
import { PostgresSearchEngine } from "../postgres";
import { listingDoc } from "./fixtures";
import { rows } from "./sql";

/**
 * A search with a word runs with only bitmap scans allowed (read.ts), so the planner cannot walk
 * the table hoping to meet matches early. The same documents come back, and a caller's own
 * transaction gets its planner settings back afterwards.
 */
describeEachDb("embedded search, words through the full-text index", (t) => {
  it("finds the same documents and restores the planner settings of the caller's transaction", async () => {
    const org = crypto.randomUUID();
    const docs = Array.from({ length: 12 }, (_, i) => listingDoc({ organizationId: org, ref: `W${i}`, titleZh: i % 3 === 0 ? "精梳棉纱 现货" : "针织面料加工" }));
    await t.db.transaction(async (tx) => {
      const engine = new PostgresSearchEngine(tx, { drainOnRead: false, maxCandidates: 5 });
      await engine.upsert("listing", docs);
      const r = await engine.search("listing", { q: "棉纱", filter: f.eq("organizationId", org) });
      expect(r.hits.map((h) => (h.document as ListingDocument).ref).sort()).toEqual(["W0", "W3", "W6", "W9"]);
      expect(r.totalCapped).toBeUndefined();
      const broad = await engine.search("listing", { q: "针织", filter: f.eq("organizationId", org) });
      expect(broad).toMatchObject({ total: 5, totalCapped: true });
      expect(broad.hits).toHaveLength(6);
      const [settings] = await rows<{ seq: string; idx: string }>(tx, sql`select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx`);
      expect(settings).toEqual({ seq: "on", idx: "on" });
    });
  });

  it("leaves the settings with its own transaction when the engine runs on the handle", async () => {
    const org = crypto.randomUUID();
    const engine = new PostgresSearchEngine(t.db, { drainOnRead: false });
    await engine.upsert("listing", [listingDoc({ organizationId: org, ref: "H1", titleZh: "精梳棉纱 现货" })]);
    const r = await engine.search("listing", { q: "棉纱", filter: f.eq("organizationId", org) });
    expect(r.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["H1"]);
    const [settings] = await rows<{ seq: string; idx: string }>(t.db, sql`select current_setting('enable_seqscan') as seq, current_setting('enable_indexscan') as idx`);
    expect(settings).toEqual({ seq: "on", idx: "on" });
  });
});
