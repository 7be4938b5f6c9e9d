import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import type { ListingDocument } from "../documents";
import { PostgresSearchEngine } from "../postgres";
import { listingDoc } from "./fixtures";

/**
 * Newest first with a word (read.ts#recentWindow): a common word walks the newest documents and
 * tests the word on each, a rarer one reads every match and sorts them. Either way the page is the
 * newest matches of all, even when more than the candidates read match and the oldest were written
 * (and so are met) first.
 */
const refs = (r: { hits: { document: unknown }[] }) => r.hits.map((h) => (h.document as ListingDocument).ref);
const newest = [{ attr: "updatedAt", dir: "desc" as const }];

describeEachDb(
  "embedded search, newest first with a common word",
  (t) => {
    it("walks the newest documents: the newest matches, ties by id", async () => {
      const engine = new PostgresSearchEngine(t.db, { drainOnRead: false, maxCandidates: 5 });
      // Every document has the word: the planner's estimate makes it common, so the walk runs.
      await engine.upsert(
        "listing",
        Array.from({ length: 60 }, (_, i) => listingDoc({ ref: `n${String(i).padStart(2, "0")}`, titleZh: "色织布", updatedAt: 1000 + Math.floor(i / 2) })),
      );
      await engine.maintain();
      const r = await engine.search("listing", { q: "色织", sort: newest, hitsPerPage: 4 });
      expect([r.total, r.totalCapped]).toEqual([5, true]);
      // n58 and n59 share a timestamp: the larger id first, as in every order here.
      const top = refs(r);
      expect(top.slice(0, 2).sort()).toEqual(["n58", "n59"]);
      expect(top.slice(2).sort()).toEqual(["n56", "n57"]);
      const oldest = await engine.search("listing", { q: "色织", sort: [{ attr: "updatedAt", dir: "asc" }], hitsPerPage: 2 });
      expect(refs(oldest).sort()).toEqual(["n00", "n01"]);
    });
  },
  { fresh: true },
);

describeEachDb(
  "embedded search, newest first with a word the newest documents lack",
  (t) => {
    it("finds the newest matches further back than the walk goes", async () => {
      const engine = new PostgresSearchEngine(t.db, { drainOnRead: false, maxCandidates: 5 });
      // The word is common (a tenth of the documents) but only in the oldest ones: the walk over
      // the newest documents finds none, and every match is read instead.
      await engine.upsert(
        "listing",
        Array.from({ length: 200 }, (_, i) => listingDoc({ ref: `w${String(i).padStart(3, "0")}`, titleZh: i < 20 ? "色织布" : "针织汗布", updatedAt: 1000 + i })),
      );
      await engine.maintain();
      const r = await engine.search("listing", { q: "色织", sort: newest, hitsPerPage: 3 });
      expect(refs(r)).toEqual(["w019", "w018", "w017"]);
      expect([r.total, r.totalCapped]).toEqual([5, true]);
      const knit = await engine.search("listing", { q: "针织", sort: newest, hitsPerPage: 2 });
      expect(refs(knit)).toEqual(["w199", "w198"]);
    });
  },
  { fresh: true },
);
