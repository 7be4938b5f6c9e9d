import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { beforeAll, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import zhValidation from "@/i18n/messages/zh-CN/validation.json";
import enValidation from "@/i18n/messages/en/validation.json";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, uniq, listingValues as listing } from "@/test/factories";
import { appRouter } from "../../api/root";
import { createContext } from "../../api/trpc";
import { cropHighlight, onlyMarks } from "../search";

/**
 * search.query, the instant search page's procedure, on real data through the engine: Chinese text,
 * English synonyms and typos, facets (disjunctive within a group), highlights, visibility, distance
 * from the signed-in member's organisation, and translated validation errors over HTTP.
 */
describeEachDb(
  "instant search (search router)",
  (t) => {
    const p = uniq("SP");
    const ids = { polyester: "", cotton: "", draft: "", jinan: "", demand: "", invited: "", pastWindow: "", pastDeadline: "" };
    const past = new Date("2024-01-10T04:00:00Z");
    let member: Awaited<ReturnType<typeof createMember>>;

    beforeAll(async () => {
      member = await createMember(t.db, { cityAdcode: "370200", countyAdcode: "370215" });
      const jinan = await createMember(t.db, { cityAdcode: "370100", countyAdcode: "370105" });
      const c = await callerFor(t.db, member.userId);
      const j = await callerFor(t.db, jinan.userId);
      ids.polyester = (await c.listing.create({ values: listing(`涤纶短纤纱 ${p}`, { fibers: ["polyester"], description: "环锭纺涤纶纱，常年供应" }), publish: true })).id;
      ids.cotton = (await c.listing.create({ values: listing(`精梳棉纱 ${p}`, { fibers: ["cotton"] }), publish: true })).id;
      ids.draft = (await c.listing.create({ values: listing(`涤纶草稿 ${p}`, { fibers: ["polyester"] }), publish: false })).id;
      ids.jinan = (await j.listing.create({ values: listing(`涤纶混纺纱 ${p}`, { fibers: ["polyester", "cotton"] }), publish: true })).id;
      const demand = { chainLink: "spinning" as const, processes: ["ring_combed"], quoteDeadline: "2099-12-31", needBy: "2099-06-30", quantityValue: 20, quantityUnit: "吨" };
      ids.demand = (await j.demand.create({ ...demand, title: `求购涤纶纱 20吨 ${p}`, visibility: "public" })).id;
      ids.invited = (await j.demand.create({ ...demand, title: `邀请求购涤纶纱 ${p}`, visibility: "invited" })).id;
      // Published and open in January 2024, expired since (the expire command has not run).
      const then = await callerFor(t.db, jinan.userId, { now: past });
      const window = { kind: "capacity" as const, availableFrom: "2024-01-11", availableTo: "2024-02-29" };
      ids.pastWindow = (await then.listing.create({ values: listing(`涤纶纱空闲产能 ${p}`, { fibers: ["polyester"], ...window }), publish: true })).id;
      ids.pastDeadline = (await then.demand.create({ ...demand, needBy: "2024-03-31", quoteDeadline: "2024-02-01", title: `过期求购涤纶纱 ${p}`, visibility: "public" })).id;
    });

    it("finds published listings by Chinese text, with highlights and translated-ready codes", async () => {
      const anon = await callerFor(t.db, null);
      const r = await anon.search.query({ entity: "listing", q: "涤纶", locale: "zh-CN" });
      const found = r.hits.map((h) => h.id);
      expect(found).toEqual(expect.arrayContaining([ids.polyester, ids.jinan]));
      expect(found).not.toContain(ids.cotton);
      expect(found).not.toContain(ids.draft);
      expect(r.total).toBe(r.hits.length);
      const hit = r.hits.find((h) => h.id === ids.polyester)!;
      expect(hit).toMatchObject({ entity: "listing", kind: "capability", titleZh: `涤纶短纤纱 ${p}`, chainLink: "spinning", processes: ["ring_combed"], fibers: ["polyester"], cityAdcode: "370200", amount: { value: expect.any(Number), unit: expect.any(String) }, verified: false });
      expect(hit.highlights.titleZh).toContain("<mark>");
      expect(hit.highlights.titleZh!.replace(/<\/?mark>/g, "")).toBe(`涤纶短纤纱 ${p}`);
      // Signed out, no point is known: no distances, and a distance sort falls back to relevance.
      expect(r.hasPoint).toBe(false);
      expect(hit.distanceKm).toBeNull();
      expect((await anon.search.query({ entity: "listing", q: "涤纶", sort: "distance" })).sort).toBe("relevance");
    });

    it("finds the same listing by an English synonym and forgives a typo", async () => {
      const anon = await callerFor(t.db, null);
      for (const q of ["polyester", "PET", "polyster"]) {
        const r = await anon.search.query({ entity: "listing", q, locale: "en" });
        expect(r.hits.map((h) => h.id), q).toContain(ids.polyester);
        expect(r.hits.map((h) => h.id), q).not.toContain(ids.cotton);
      }
    });

    it("returns facet counts, disjunctive within a group", async () => {
      const anon = await callerFor(t.db, null);
      const all = await anon.search.query({ entity: "listing" });
      expect(all.total).toBe(3);
      expect(all.facets.chainLink).toEqual({ spinning: 3 });
      expect(all.facets.fiber).toMatchObject({ polyester: 2, cotton: 2 });
      expect(all.facets.city).toEqual({ "370200": 2, "370100": 1 });
      expect(all.facets.kind).toEqual({ capability: 3 });
      expect(Object.keys(all.facets)).toEqual(expect.arrayContaining(["process", "certification", "verified"]));

      const qingdao = await anon.search.query({ entity: "listing", filters: { city: ["370200"] } });
      expect(qingdao.total).toBe(2);
      expect(qingdao.hits.every((h) => h.cityAdcode === "370200")).toBe(true);
      // Jinan is still offered with its own count, so it can be ticked next to Qingdao.
      expect(qingdao.facets.city).toEqual({ "370200": 2, "370100": 1 });
      // Other groups count the filtered results.
      expect(qingdao.facets.fiber).toMatchObject({ polyester: 1, cotton: 1 });
      const both = await anon.search.query({ entity: "listing", filters: { city: ["370200", "370100"], fiber: ["polyester"] } });
      expect(both.hits.map((h) => h.id).sort()).toEqual([ids.polyester, ids.jinan].sort());
    });

    it("searches open public demands only", async () => {
      const anon = await callerFor(t.db, null);
      const r = await anon.search.query({ entity: "demand", q: `涤纶 ${p}` });
      const found = r.hits.map((h) => h.id);
      expect(found).toContain(ids.demand);
      expect(found).not.toContain(ids.invited);
      expect(r.hits.find((h) => h.id === ids.demand)).toMatchObject({ entity: "demand", kind: null, needBy: "2099-06-30", amount: { value: 20, unit: expect.any(String) } });
      expect(Object.keys(r.facets)).not.toContain("kind");
    });

    it("hides capacity windows and quote deadlines that have passed", async () => {
      const today = await callerFor(t.db, null);
      const listingsNow = (await today.search.query({ entity: "listing", q: "涤纶" })).hits.map((h) => h.id);
      const demandsNow = (await today.search.query({ entity: "demand", q: "涤纶" })).hits.map((h) => h.id);
      expect(listingsNow).not.toContain(ids.pastWindow);
      expect(demandsNow).not.toContain(ids.pastDeadline);
      expect(demandsNow).toContain(ids.demand);
      const then = await callerFor(t.db, null, { now: past });
      expect((await then.search.query({ entity: "listing", q: "涤纶" })).hits.map((h) => h.id)).toContain(ids.pastWindow);
      expect((await then.search.query({ entity: "demand", q: "涤纶" })).hits.map((h) => h.id)).toContain(ids.pastDeadline);
    });

    it("measures distances from the signed-in member's organisation and sorts by them", async () => {
      const c = await callerFor(t.db, member.userId);
      const r = await c.search.query({ entity: "listing", sort: "distance" });
      expect(r.hasPoint).toBe(true);
      expect(r.sort).toBe("distance");
      expect(r.hits.map((h) => h.id)).toEqual([expect.any(String), expect.any(String), ids.jinan]);
      const km = r.hits.map((h) => h.distanceKm!);
      expect(km[0]).toBeLessThan(1);
      expect(km[2]).toBeGreaterThan(250);
      expect(km[2]).toBeLessThan(400);
      // Distances are shown under the other sorts too.
      const byRelevance = await c.search.query({ entity: "listing" });
      expect(byRelevance.hits.every((h) => h.distanceKm !== null)).toBe(true);
    });

    it("refuses bad input with translated validation messages", async () => {
      const call = async (input: unknown) => {
        const url = `http://localhost/api/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
        const res = await fetchRequestHandler({ endpoint: "/api/trpc", req: new Request(url), router: appRouter, createContext: () => createContext({ db: t.db, userId: null, baseUrl: "http://localhost" }) });
        return { status: res.status, body: (await res.json()) as { error: { json: { data: { code: string; messageKey: string; fieldIssues: { path: string; messageKey: string }[] } } } } };
      };
      const long = await call({ entity: "listing", q: "纱".repeat(201) });
      expect(long.status).toBe(400);
      expect(long.body.error.json.data).toMatchObject({ code: "BAD_REQUEST", messageKey: "errors.invalidInput", fieldIssues: [{ path: "q", messageKey: "validation.tooLong" }] });
      const zh = createTranslator({ locale: "zh-CN", messages: { validation: zhValidation } });
      const en = createTranslator({ locale: "en", messages: { validation: enValidation } });
      expect(zh("validation.tooLong" as never)).toBe("内容过长");
      expect(en("validation.tooLong" as never)).not.toBe("validation.tooLong");

      const code = await call({ entity: "listing", filters: { city: ["37<script>"] } });
      expect(code.body.error.json.data.fieldIssues).toEqual([{ path: "filters.city.0", messageKey: "validation.invalid" }]);
      const entity = await call({ entity: "org" });
      expect(entity.status).toBe(400);
      expect(entity.body.error.json.data.fieldIssues[0]!.path).toBe("entity");
      const page = await call({ entity: "listing", page: 0 });
      expect(page.body.error.json.data.fieldIssues[0]!.path).toBe("page");
    });

    it("lets only <mark> through as HTML in highlights", () => {
      expect(onlyMarks("<mark>涤纶</mark> &lt;b&gt;")).toBe("<mark>涤纶</mark> &lt;b&gt;");
      expect(onlyMarks('<img src=x onerror=alert(1)><mark onclick="x">a</mark>')).toBe('&lt;img src=x onerror=alert(1)>&lt;mark onclick="x">a</mark>');
      expect(onlyMarks(undefined)).toBeUndefined();
    });

    it("crops long highlighted descriptions around the first match without splitting entities or marks", () => {
      const long = `${"甲".repeat(100)}&amp;<mark>涤纶</mark>${"乙".repeat(200)}`;
      const cut = cropHighlight(long, 5, 20)!;
      expect(cut).toBe(`…${"甲".repeat(4)}&amp;<mark>涤纶</mark>${"乙".repeat(13)}…`);
      expect(cropHighlight("短文本 <mark>涤纶</mark>")).toBe("短文本 <mark>涤纶</mark>");
      expect(cropHighlight(`<mark>${"涤".repeat(10)}</mark>`, 0, 4)).toBe("<mark>涤涤涤涤</mark>…");
    });
  },
  { fresh: true },
);
