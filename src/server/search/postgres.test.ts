import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { greatCircleKm } from "@/domain/matching/geo";
import { describeEachDb } from "@/test/db";
import type { ListingDocument } from "./documents";
import type { SearchQuery } from "./engine";
import { f, FilterError } from "./filter";
import { PostgresSearchEngine } from "./postgres";
import { demandDoc, listingDoc } from "./postgres/fixtures";
import { rows } from "./postgres/sql";

describeEachDb(
  "embedded search engine",
  (t) => {
    let engine: PostgresSearchEngine;
    // Every test writes documents of its own organisation and searches within it.
    const org = () => randomUUID();
    const ids = async (orgId: string, q: Omit<SearchQuery, "filter"> & { filter?: SearchQuery["filter"] }) =>
      (await engine.search("listing", { ...q, filter: f.and(f.eq("organizationId", orgId), q.filter) })).hits.map((h) => (h.document as ListingDocument).ref);

    beforeAll(async () => {
      engine = new PostgresSearchEngine(t.db, { drainOnRead: false });
      await engine.ensureIndexes();
    });

    it("finds Chinese titles by their jieba words, and by prefix as typed", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, ref: "comb", titleZh: "精梳棉纱 JC40S 现货供应" }),
        listingDoc({ organizationId: o, ref: "tencel", titleZh: "天丝面料供应商" }),
        listingDoc({ organizationId: o, ref: "other", titleZh: "针织布加工" }),
      ]);
      expect(await ids(o, { q: "棉纱" })).toEqual(["comb"]);
      expect(await ids(o, { q: "精梳棉纱" })).toEqual(["comb"]);
      expect(await ids(o, { q: "天丝" })).toEqual(["tencel"]);
      expect(await ids(o, { q: "jc40s" })).toEqual(["comb"]);
      expect(await ids(o, { q: "ＪＣ４０Ｓ" })).toEqual(["comb"]); // full-width, NFKC
      expect(await ids(o, { q: "jc4" })).toEqual(["comb"]);
      expect(await ids(o, { q: "针织" })).toEqual(["other"]);
    });

    it("expands taxonomy synonyms both ways: 涤纶 finds polyester yarn, polyester finds 涤纶", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, ref: "en", titleEn: "Polyester yarn for weaving" }),
        listingDoc({ organizationId: o, ref: "zh", titleZh: "涤纶长丝 150D/48F" }),
        listingDoc({ organizationId: o, ref: "lyocell", titleEn: "Lyocell fabric" }),
        listingDoc({ organizationId: o, ref: "cotton", titleZh: "纯棉纱线" }),
      ]);
      expect((await ids(o, { q: "涤纶" })).sort()).toEqual(["en", "zh"]);
      expect((await ids(o, { q: "polyester" })).sort()).toEqual(["en", "zh"]);
      expect((await ids(o, { q: "PET" })).sort()).toEqual(["en", "zh"]);
      expect(await ids(o, { q: "天丝" })).toEqual(["lyocell"]);
      expect(await ids(o, { q: "涤纶 yarn" })).toEqual(["en"]);
    });

    it("stems English and forgives typos from the vocabulary", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, ref: "knit", titleEn: "Circular knitting of jersey", descriptionEn: "We knitted 2 million metres of yarns last year" }),
        listingDoc({ organizationId: o, ref: "geo", titleEn: "Geotextile nonwoven fabric" }),
        listingDoc({ organizationId: o, ref: "poly", titleEn: "Recycled polyester staple fibre" }),
      ]);
      expect(await ids(o, { q: "knitted" })).toEqual(["knit"]);
      expect(await ids(o, { q: "yarn" })).toEqual(["knit"]);
      expect(await ids(o, { q: "polyster" })).toEqual(["poly"]);
      expect(await ids(o, { q: "geotextle" })).toEqual(["geo"]);
      expect(await ids(o, { q: "geotextle fabric" })).toEqual(["geo"]);
      // As typed, letter by letter: the last word is a prefix.
      expect(await ids(o, { q: "geot" })).toEqual(["geo"]);
      expect(await ids(o, { q: "recycled poly" })).toEqual(["poly"]);
      // English stop words alone constrain nothing.
      expect((await ids(o, { q: "the" })).length).toBe(3);
      const [vocab] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from search_vocabulary where word in ('geotextile', 'polyester', 'knitted')`);
      expect(vocab!.n).toBe(3);
    });

    it("keeps hostile input out of the tsquery and the SQL", async () => {
      const o = org();
      await engine.upsert("listing", [listingDoc({ organizationId: o, ref: "a", titleEn: "plain cotton" })]);
      for (const q of [`a & | ! ( ) : * ' "`, `'; drop table search_documents; --`, `cotton' | '`, `\\`, "!!!", "<->", "cotton:*B", "'' & ''", "(((", "a".repeat(300)]) {
        const r = await engine.search("listing", { q, filter: f.eq("organizationId", o) });
        expect(Array.isArray(r.hits)).toBe(true);
      }
      expect(await ids(o, { q: `cotton' & !'plain` })).toEqual(["a"]);
      const [n] = await rows<{ n: number }>(t.db, sql`select count(*)::int as n from search_documents where id is not null`);
      expect(n!.n).toBeGreaterThan(0);
    });

    it("ranks title over description, verified organisations a little higher, then newer first", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, ref: "desc", descriptionZh: "本厂也做涤纶", updatedAt: 5 }),
        listingDoc({ organizationId: o, ref: "title", titleZh: "涤纶长丝", updatedAt: 1 }),
        listingDoc({ organizationId: o, ref: "title-verified", titleZh: "涤纶长丝", orgVerified: true, updatedAt: 2 }),
        listingDoc({ organizationId: o, ref: "title-new", titleZh: "涤纶长丝", updatedAt: 3 }),
      ]);
      const r = await engine.search("listing", { q: "涤纶", filter: f.eq("organizationId", o) });
      expect(r.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["title-verified", "title-new", "title", "desc"]);
      for (const h of r.hits) expect(h.score).toBeGreaterThan(0);
      for (const h of r.hits) expect(h.score).toBeLessThanOrEqual(1);
      expect(r.hits[0]!.score!).toBeGreaterThan(r.hits[3]!.score!);
      // The empty query lists everything, newest first; `sort` overrides.
      expect(await ids(o, { q: "" })).toEqual(["desc", "title-new", "title-verified", "title"]);
      expect(await ids(o, { sort: [{ attr: "updatedAt", dir: "asc" }] })).toEqual(["title", "title-verified", "title-new", "desc"]);
      await expect(engine.search("listing", { sort: [{ attr: "titleZh", dir: "asc" }] })).rejects.toThrow(FilterError);
    });

    it("pages with exact totals", async () => {
      const o = org();
      await engine.upsert("listing", Array.from({ length: 7 }, (_, i) => listingDoc({ organizationId: o, ref: `p${i}`, titleZh: "经编布", updatedAt: 100 - i })));
      const first = await engine.search("listing", { q: "经编", filter: f.eq("organizationId", o), hitsPerPage: 3 });
      expect([first.total, first.totalPages, first.page, first.hits.length]).toEqual([7, 3, 1, 3]);
      const last = await engine.search("listing", { q: "经编", filter: f.eq("organizationId", o), hitsPerPage: 3, page: 3 });
      expect([last.total, last.totalPages, last.page]).toEqual([7, 3, 3]);
      expect(last.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["p6"]);
      const beyond = await engine.search("listing", { q: "经编", filter: f.eq("organizationId", o), hitsPerPage: 3, page: 9 });
      expect([beyond.total, beyond.hits.length]).toEqual([7, 0]);
    });

    it("reads at most maxCandidates matches: a broader query reports the cap, newest or best first", async () => {
      const capped = new PostgresSearchEngine(t.db, { drainOnRead: false, maxCandidates: 5 });
      const o = org();
      await engine.upsert(
        "listing",
        Array.from({ length: 8 }, (_, i) => listingDoc({ organizationId: o, ref: `c${i}`, titleZh: "色织布", updatedAt: 1000 + i, fibers: i < 2 ? ["linen"] : ["cotton"] })),
      );
      const broad = await capped.search("listing", { q: "", filter: f.eq("organizationId", o), facets: ["fibers"], hitsPerPage: 3 });
      expect([broad.total, broad.totalCapped, broad.totalPages]).toEqual([5, true, 2]);
      expect(broad.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["c7", "c6", "c5"]);
      // Facets are counted over the candidates read (the newest five plus the one that shows there are more).
      expect(broad.facets.fibers).toEqual({ cotton: 6 });
      const text = await capped.search("listing", { q: "色织", filter: f.eq("organizationId", o) });
      expect([text.total, text.totalCapped]).toEqual([5, true]);
      // Newest first with a word: the newest matches of all, not the newest of those read first
      // (the oldest were written first, so a scan meets them first).
      const newest = await capped.search("listing", { q: "色织", filter: f.eq("organizationId", o), sort: [{ attr: "updatedAt", dir: "desc" }], hitsPerPage: 3 });
      expect(newest.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["c7", "c6", "c5"]);
      const oldest = await capped.search("listing", { q: "色织", filter: f.eq("organizationId", o), sort: [{ attr: "updatedAt", dir: "asc" }], hitsPerPage: 2 });
      expect(oldest.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["c0", "c1"]);
      const narrow = await capped.search("listing", { q: "", filter: f.and(f.eq("organizationId", o), f.eq("fibers", "linen")) });
      expect([narrow.total, narrow.totalCapped]).toEqual([2, undefined]);
    });

    it("counts facets over all matches: arrays per element, booleans as true/false", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, titleZh: "棉纱", fibersCovered: ["cotton", "organic_cotton"], orgVerified: true, kind: "capacity", cityAdcode: "370200" }),
        listingDoc({ organizationId: o, titleZh: "棉纱", fibersCovered: ["cotton"], orgVerified: false, cityAdcode: "370200" }),
        listingDoc({ organizationId: o, titleZh: "棉纱", fibersCovered: ["cotton", "polyester"], orgVerified: true, cityAdcode: "370600" }),
        listingDoc({ organizationId: o, titleZh: "涤纶", fibersCovered: ["polyester"], orgVerified: false, cityAdcode: "370600" }),
      ]);
      const r = await engine.search("listing", { q: "棉纱", filter: f.eq("organizationId", o), facets: ["fibersCovered", "orgVerified", "kind", "cityAdcode"], hitsPerPage: 1 });
      expect(r.total).toBe(3);
      expect(r.facets).toEqual({
        fibersCovered: { cotton: 3, organic_cotton: 1, polyester: 1 },
        orgVerified: { true: 2, false: 1 },
        kind: { capacity: 1, capability: 2 },
        cityAdcode: { "370200": 2, "370600": 1 },
      });
      // Cached per query and filter, and invalidated by the next write.
      await engine.upsert("listing", [listingDoc({ organizationId: o, titleZh: "棉纱", fibersCovered: ["linen"], cityAdcode: "370200" })]);
      const again = await engine.search("listing", { q: "棉纱", filter: f.eq("organizationId", o), facets: ["fibersCovered"] });
      expect(again.total).toBe(4);
      expect(again.facets.fibersCovered).toEqual({ cotton: 3, organic_cotton: 1, polyester: 1, linen: 1 });
      await expect(engine.search("listing", { facets: ["titleZh"] })).rejects.toThrow(FilterError);
    });

    it("sorts by distance from `near`, returns metres, and filters by radius", async () => {
      const o = org();
      const qingdao = { lat: 36.0671, lng: 120.3826 };
      const jimo = { lat: 36.3893, lng: 120.4473 };
      const jinan = { lat: 36.6512, lng: 117.1201 };
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, ref: "jinan", _geo: jinan }),
        listingDoc({ organizationId: o, ref: "none", _geo: null }),
        listingDoc({ organizationId: o, ref: "jimo", _geo: jimo }),
        listingDoc({ organizationId: o, ref: "qingdao", _geo: qingdao }),
      ]);
      const r = await engine.search("listing", { filter: f.eq("organizationId", o), near: qingdao });
      expect(r.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["qingdao", "jimo", "jinan", "none"]);
      expect(r.hits[0]!.distanceMeters).toBe(0);
      expect(Math.abs(r.hits[1]!.distanceMeters! / 1000 - greatCircleKm(qingdao, jimo))).toBeLessThan(0.1);
      expect(r.hits[3]!.distanceMeters).toBeUndefined();
      expect(await ids(o, { filter: f.geoRadius(qingdao.lat, qingdao.lng, 50_000), near: qingdao })).toEqual(["qingdao", "jimo"]);
      expect(await ids(o, { filter: f.geoRadius(qingdao.lat, qingdao.lng, 1_000) })).toEqual(["qingdao"]);
      expect(await ids(o, { near: qingdao, sort: [{ attr: "_geo", dir: "desc" }] })).toEqual(["jinan", "jimo", "qingdao", "none"]);
      await expect(engine.search("listing", { sort: [{ attr: "_geo", dir: "asc" }] })).rejects.toThrow(FilterError);
    });

    it("highlights matched words and their synonyms, HTML-escaping everything else", async () => {
      const o = org();
      await engine.upsert("listing", [
        listingDoc({ organizationId: o, titleZh: "<script>alert('涤纶')</script> 涤纶纱线 & 聚酯", titleEn: "Polyester <b>yarns</b>", descriptionZh: "无关的描述" }),
      ]);
      const r = await engine.search("listing", { q: "涤纶", filter: f.eq("organizationId", o), highlight: true });
      const h = r.hits[0]!.highlights!;
      expect(h.titleZh).toBe("&lt;script&gt;alert(&#39;<mark>涤纶</mark>&#39;)&lt;/script&gt; <mark>涤纶</mark>纱线 &amp; <mark>聚酯</mark>");
      expect(h.titleEn).toBe("<mark>Polyester</mark> &lt;b&gt;yarns&lt;/b&gt;");
      expect(h.descriptionZh).toBeUndefined();
      const typed = await engine.search("listing", { q: "yarn", filter: f.eq("organizationId", o), highlight: true });
      expect(typed.hits[0]!.highlights!.titleEn).toBe("Polyester &lt;b&gt;<mark>yarns</mark>&lt;/b&gt;");
      const none = await engine.search("listing", { q: "涤纶", filter: f.eq("organizationId", o) });
      expect(none.hits[0]!.highlights).toBeUndefined();
    });

    it("never lets an older version overwrite a newer one, and deletes by id", async () => {
      const o = org();
      const v2 = listingDoc({ organizationId: o, ref: "v", titleZh: "新版本 剑麻", version: 2 });
      await engine.upsert("listing", [v2]);
      await engine.upsert("listing", [{ ...v2, titleZh: "旧版本 毛巾", version: 1 }]);
      expect(await ids(o, { q: "剑麻" })).toEqual(["v"]);
      expect(await ids(o, { q: "毛巾" })).toEqual([]);
      // Same version again (the relay's at-least-once) is applied; a batch with duplicates keeps the newest.
      await engine.upsert("listing", [{ ...v2, titleZh: "第三版 毛巾", version: 3 }, { ...v2, version: 2 }]);
      expect(await ids(o, { q: "毛巾" })).toEqual(["v"]);
      await engine.delete("listing", [v2.id, randomUUID()]);
      expect(await ids(o, {})).toEqual([]);
      await engine.delete("listing", []);
    });

    it("searches demands apart from listings", async () => {
      const o = org();
      await engine.upsert("demand", [demandDoc({ organizationId: o, titleZh: "求购涤纶长丝", requiredCertifications: ["oeko_tex_100"] })]);
      await engine.upsert("listing", [listingDoc({ organizationId: o, titleZh: "涤纶长丝" })]);
      const r = await engine.search("demand", { q: "涤纶", filter: f.and(f.eq("organizationId", o), f.eq("requiredCertifications", "oeko_tex_100")), facets: ["requiredCertifications"] });
      expect(r.total).toBe(1);
      expect(r.facets).toEqual({ requiredCertifications: { oeko_tex_100: 1 } });
      await expect(engine.search("demand", { filter: f.eq("kind", "capacity") })).rejects.toThrow(FilterError);
    });
  },
  { fresh: true },
);
