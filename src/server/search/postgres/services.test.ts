import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq } from "@/test/factories";
import { searchMarket } from "../../services/search";
import { getSearchEngine } from "..";
import type { DemandDocument, ListingDocument } from "../documents";
import { PostgresSearchEngine } from "../postgres";
import { reindex } from "../reindex";
import { rows } from "./sql";

/**
 * The embedded engine behind the services: changes made through the listing and demand services
 * are searchable by the next search (drain-on-read, no relay run by hand), the market search never
 * shows what is not public, and `reindex` rebuilds the index from the tables.
 */
describeEachDb(
  "embedded search through the services",
  (t) => {
    let caller: Awaited<ReturnType<typeof callerFor>>;
    beforeAll(async () => {
      const m = await createMember(t.db);
      caller = await callerFor(t.db, m.userId);
    });
    const listing = (title: string, publish = true) =>
      caller.listing.create({ values: { kind: "capability", chainLink: "spinning", processes: ["ring_combed"], fibers: ["polyester"], title, capacityValue: 30, capacityUnit: "吨/月" }, publish });
    const listingIds = async (q: string) => (await searchMarket(t.db, { entity: "listing", q })).hits.map((h) => (h.document as ListingDocument).id).sort();
    const demandIds = async (q: string) => (await searchMarket(t.db, { entity: "demand", q })).hits.map((h) => (h.document as DemandDocument).id).sort();

    it("uses the embedded engine without MEILI_URL", () => {
      expect(getSearchEngine(t.db)).toBeInstanceOf(PostgresSearchEngine);
      expect(getSearchEngine(t.db)).toBe(getSearchEngine(t.db));
    });

    it("finds a listing created through the service on the next search, and follows its changes", async () => {
      const word = uniq("fresh");
      const created = await listing(`涤纶低弹丝 ${word}`);
      expect(await listingIds(word)).toEqual([created.id]);
      // By synonym and with its taxonomy terms too (fibres: polyester → 涤纶).
      const r = await searchMarket(t.db, { entity: "listing", q: `polyester ${word}` });
      expect(r.hits.map((h) => (h.document as ListingDocument).id)).toEqual([created.id]);
      await caller.listing.pause({ id: created.id });
      expect(await listingIds(word)).toEqual([]);
      await caller.listing.publish({ id: created.id });
      expect(await listingIds(word)).toEqual([created.id]);
      const [pending] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from search_outbox where processed_at is null`);
      expect(pending!.n).toBe(0);
    });

    it("never returns draft or paused listings, or invited or closed demands", async () => {
      const word = uniq("vis");
      const published = await listing(`可见挂牌 ${word}`);
      await listing(`草稿挂牌 ${word}`, false);
      const paused = await listing(`暂停挂牌 ${word}`);
      await caller.listing.pause({ id: paused.id });
      const open = await caller.demand.create({ title: `求购涤纶 ${word}`, chainLink: "spinning", processes: ["ring_combed"] });
      await caller.demand.create({ title: `邀请求购 ${word}`, chainLink: "spinning", processes: ["ring_combed"], visibility: "invited" });
      const closed = await caller.demand.create({ title: `已关闭求购 ${word}`, chainLink: "spinning", processes: ["ring_combed"] });
      await caller.demand.close({ id: closed.id });
      expect(await listingIds(word)).toEqual([published.id]);
      expect(await demandIds(word)).toEqual([open.id]);
      const facets = (await searchMarket(t.db, { entity: "listing", q: word })).facets;
      expect(facets.chainLink).toEqual({ spinning: 1 });
    });

    it("reindex rebuilds documents and vocabulary from the tables", async () => {
      const word = uniq("reidx");
      const created = await listing(`Recycled polyester ${word}`);
      expect(await listingIds(word)).toEqual([created.id]);
      await t.db.execute(sql`delete from search_documents`);
      await t.db.execute(sql`delete from search_vocabulary`);
      expect(await listingIds(word)).toEqual([]);
      const results = await reindex(t.db, getSearchEngine(t.db));
      expect(results.find((r) => r.entity === "listing")!.documents).toBeGreaterThanOrEqual(4);
      expect(results.map((r) => r.index)).toEqual(["search_documents", "search_documents"]);
      expect(await listingIds(word)).toEqual([created.id]);
      const [vocab] = await rows<{ documents: number }>(t.db, sql`select documents from search_vocabulary where word = 'recycled'`);
      expect(vocab!.documents).toBe(1);
      // Typos are forgiven again from the rebuilt vocabulary.
      expect(await listingIds(`recyled ${word}`)).toEqual([created.id]);
    });
  },
  { fresh: true },
);
