import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env";
import type { ListingDocument } from "./documents";
import { f } from "./filter";
import { MeilisearchEngine, queryLocales, safeHighlight } from "./meilisearch";
import { FILTERABLE, indexSettings, SORTABLE, taxonomySynonyms } from "./settings";
import { liveSuite } from "./testing/live-suite";
import { makeValidator, type Schema } from "./testing/json-schema";
import { startFakeMeili, type FakeMeili } from "./testing/fake-meili";

type Spec = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>; components: { schemas: Record<string, Record<string, unknown>> } };
// The official description, kept next to the repository in ../shared/meilisearch (see its README).
// Vendored from shared/meilisearch (official OpenAPI 1.15.2, MIT) so a fresh clone can run the contract tests.
const specPath = path.resolve(__dirname, "../../../vendor/meilisearch/open-api.json");
const spec = JSON.parse(fs.readFileSync(specPath, "utf8")) as Spec;
const schemas = spec.components.schemas;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The description as the server really speaks it. Two generator artefacts are corrected, each
 * checked below so the correction cannot silently outlive a fixed file:
 * - SearchQuery properties are snake_case (README pitfall); the wire is camelCase, and the listed
 *   "required" fields all have defaults.
 * - AttributePatterns is written as `{ patterns: [...] }`, but the Rust type is serde-transparent:
 *   `localizedAttributes[].attributePatterns` is a plain string array on the wire (docs, client types).
 */
function wireSpec(): Spec {
  const copy = structuredClone(spec);
  const s = copy.components.schemas;
  const q = s.SearchQuery!;
  q.properties = Object.fromEntries(Object.entries(q.properties as Record<string, unknown>).map(([k, v]) => [camel(k), v]));
  delete q.required;
  q.additionalProperties = false;
  s.AttributePatterns = { type: "array", items: { type: "string" } };
  return copy;
}
const wire = wireSpec();
const v = makeValidator(wire as unknown as Record<string, unknown>);
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** The request and response schemas of the operation a recorded request hit. */
function operation(method: string, path: string) {
  for (const [template, ops] of Object.entries(wire.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (re.test(path) && ops[method.toLowerCase()]) return ops[method.toLowerCase()]!;
  }
  throw new Error(`no operation for ${method} ${path} in the OpenAPI description`);
}

describe("Meilisearch contract (OpenAPI 1.15)", () => {
  it("the corrections above are still needed (the file has the documented artefacts)", () => {
    expect(Object.keys(schemas.SearchQuery!.properties as object)).toContain("hits_per_page");
    expect(schemas.AttributePatterns).toMatchObject({ type: "object", required: ["patterns"] });
  });

  it("the validator is not vacuous: it rejects unknown settings, wrong types and bad locales", () => {
    const settings = ref("Settings_Unchecked");
    expect(v.validate(settings, { searchableAttributes: ["a"] })).toEqual([]);
    expect(v.validate(settings, { searchableAttribute: ["a"] })).not.toEqual([]);
    expect(v.validate(settings, { typoTolerance: { disableOnAttributes: "id" } })).not.toEqual([]);
    expect(v.validate(settings, { localizedAttributes: [{ attributePatterns: ["t"], locales: ["chinese"] }] })).not.toEqual([]);
    expect(v.validate(settings, { localizedAttributes: [{ attributePatterns: { patterns: ["t"] }, locales: ["cmn"] }] })).not.toEqual([]);
    const task = { uid: 1, batchUid: 1, indexUid: "x", status: "succeeded", type: "documentAdditionOrUpdate", canceledBy: null, details: { receivedDocuments: 1, indexedDocuments: 1 }, error: null, duration: "PT1S", enqueuedAt: "2026-01-01T00:00:00Z", startedAt: "2026-01-01T00:00:00Z", finishedAt: "2026-01-01T00:00:01Z" };
    expect(v.validate(ref("TaskView"), task)).toEqual([]);
    expect(v.validate(ref("TaskView"), { ...task, status: "done" })).not.toEqual([]);
    expect(v.validate(ref("TaskView"), { ...task, uid: undefined })).not.toEqual([]);
    expect(v.validate(ref("TaskView"), { ...task, details: { receivedDocuments: "1" } })).not.toEqual([]);
    expect(v.validate(ref("SummarizedTaskView"), { taskUid: 1, indexUid: null, status: "enqueued", type: "indexSwap" })).not.toEqual([]);
  });

  for (const entity of ["listing", "demand"] as const)
    it(`the ${entity} settings payload is a valid Settings object`, () => {
      expect(v.validate(ref("Settings_Unchecked"), indexSettings(entity))).toEqual([]);
    });

  it("settings: Chinese fields are cmn, English eng; no typos on codes; filters and sorts declared", () => {
    const s = indexSettings("listing");
    expect(s.localizedAttributes).toEqual([
      { attributePatterns: ["titleZh", "termsZh", "descriptionZh", "orgNameZh"], locales: ["cmn"] },
      { attributePatterns: ["titleEn", "termsEn", "descriptionEn", "orgNameEn"], locales: ["eng"] },
    ]);
    expect(s.typoTolerance?.disableOnAttributes).toEqual(expect.arrayContaining(["id", "organizationId", "ref", "cityAdcode", "countyAdcode"]));
    for (const a of [...FILTERABLE.listing, ...SORTABLE.listing]) expect(a === "_geo" || a in sampleListing).toBe(true);
    for (const a of s.searchableAttributes ?? []) expect(a in sampleListing).toBe(true);
  });

  it("placement only breaks ties: the plan's flag is filterable and the last ranking rule, after the built-in ones", () => {
    expect(indexSettings("listing").rankingRules).toEqual(["words", "typo", "proximity", "attribute", "sort", "exactness", "orgFeatured:desc"]);
    expect(indexSettings("demand").rankingRules).toEqual(["words", "typo", "proximity", "attribute", "sort", "exactness", "orgPriority:desc"]);
    expect(FILTERABLE.listing).toContain("orgFeatured");
    expect(FILTERABLE.demand).toContain("orgPriority");
  });

  it("synonyms come from the taxonomy's names and aliases, both ways", () => {
    const syn = taxonomySynonyms();
    expect(syn["涤纶"]).toEqual(expect.arrayContaining(["polyester", "pet", "聚酯"]));
    expect(syn.polyester).toContain("涤纶");
    expect(syn.pet).toContain("涤纶");
    expect(syn["天丝"]).toEqual(expect.arrayContaining(["lyocell", "莱赛尔"]));
    expect(syn.lyocell).toContain("天丝");
    expect(syn["无纺布"]).toEqual(expect.arrayContaining(["nonwovens", "非织造布"]));
    // Lone letters (T, C) are fibres only inside blend codes: never synonyms.
    expect(Object.keys(syn).filter((k) => /^[a-z]$/.test(k))).toEqual([]);
    for (const [k, vs] of Object.entries(syn)) expect(vs).not.toContain(k);
  });

  it("search requests are valid SearchQuery bodies (camelCase wire names)", () => {
    const engine = new MeilisearchEngine({ url: "http://127.0.0.1:1" });
    const body = engine.searchParams("listing", {
      q: "涤纶 长丝",
      filter: f.and(f.eq("status", "published"), f.in("cityAdcode", ["370200"]), f.geoRadius(36.3, 120.4, 50_000)),
      facets: ["chainLink", "cityAdcode"],
      sort: [{ attr: "_geo", dir: "asc" }, { attr: "updatedAt", dir: "desc" }],
      near: { lat: 36.3, lng: 120.4 },
      page: 2,
      hitsPerPage: 10,
      highlight: true,
    });
    expect(v.validate(ref("SearchQuery"), body)).toEqual([]);
    expect(body).toMatchObject({ hitsPerPage: 10, page: 2, locales: ["cmn"], sort: ["_geoPoint(36.3, 120.4):asc", "updatedAt:desc"] });
    expect(body.filter).toBe('(status = "published" AND cityAdcode IN ["370200"] AND _geoRadius(36.3, 120.4, 50000))');
    expect(v.validate(ref("SearchQuery"), { hits_per_page: 10 })).not.toEqual([]);
    expect(() => engine.searchParams("listing", { filter: f.eq("titleZh", "x") })).toThrow(/not filterable/);
    expect(() => engine.searchParams("demand", { facets: ["kind"] })).toThrow(/not filterable/);
    // `near` alone sorts nearest first, as the embedded engine does.
    expect(engine.searchParams("listing", { near: { lat: 36.3, lng: 120.4 }, sort: [{ attr: "updatedAt", dir: "desc" }] }).sort).toEqual(["updatedAt:desc", "_geoPoint(36.3, 120.4):asc"]);
    expect(queryLocales("polyster yarn")).toEqual(["eng"]);
    expect(queryLocales("")).toBeUndefined();
  });

  it("highlights are HTML-escaped except the marks", () => {
    expect(safeHighlight("<img src=x onerror=alert(1)>\u0002涤纶\u0003 & co")).toBe("&lt;img src=x onerror=alert(1)&gt;<mark>涤纶</mark> &amp; co");
  });

  describe("the real client against a spec-conformant fake server", () => {
    let fake: FakeMeili;
    let engine: MeilisearchEngine;
    beforeAll(async () => {
      fake = await startFakeMeili();
      engine = new MeilisearchEngine({ url: fake.url, indexPrefix: "contract_", taskTimeoutMs: 5_000 });
      await engine.ensureIndexes();
      await engine.ensureIndexes(); // again: index_already_exists is fine
      await engine.upsert("listing", [sampleListing, { ...sampleListing, id: "00000000-0000-4000-8000-000000000002", titleZh: "<b>涤纶</b>长丝" }]);
      await engine.delete("listing", ["00000000-0000-4000-8000-000000000002", 'odd"id']);
      await engine.prepareIndex("contract_listings_tmp", "listing");
      await engine.swap("contract_listings", "contract_listings_tmp");
      await engine.swap("contract_listings", "contract_listings_tmp");
      await engine.dropIndex("contract_listings_tmp");
      await engine.dropIndex("contract_listings_tmp"); // already gone is fine
    });
    afterAll(async () => fake.close());

    it("every request body and every response matches its operation in the OpenAPI description", () => {
      expect(fake.requests.length).toBeGreaterThan(10);
      for (const r of fake.requests) {
        const op = operation(r.method, r.path);
        const reqSchema = op.requestBody?.content["application/json"]?.schema;
        if (reqSchema && r.body !== undefined) expect(v.validate(reqSchema, r.body, `${r.method} ${r.path} body`)).toEqual([]);
        // Injected outages are not part of the contract.
        if (r.status! >= 500) continue;
        // The file lists some task-enqueuing answers as 200 where the server sends 202 Accepted:
        // for a 2xx, any documented 2xx schema is the one to match.
        const codes = [String(r.status), ...(r.status! < 300 ? Object.keys(op.responses).filter((c) => c.startsWith("2")) : [])];
        const resSchema = codes.map((c) => op.responses[c]?.content?.["application/json"]?.schema).find(Boolean);
        expect(resSchema, `${r.method} ${r.path} ${r.status} is a documented response`).toBeDefined();
        expect(v.validate(resSchema!, r.response, `${r.method} ${r.path} → ${r.status}`)).toEqual([]);
      }
      expect(fake.requests.filter((r) => r.path.startsWith("/tasks/") && r.status === 200).length).toBeGreaterThan(5);
      const swap = fake.requests.find((r) => r.path === "/swap-indexes")!;
      expect(swap.body).toEqual([{ indexes: ["contract_listings", "contract_listings_tmp"] }]);
      const del = fake.requests.find((r) => r.path.endsWith("/documents/delete"))!;
      expect(del.body).toEqual({ filter: 'id IN ["00000000-0000-4000-8000-000000000002", "odd\\"id"]' });
    });

    it("settings reach the index before any document", () => {
      const calls = fake.requests.filter((r) => r.path.startsWith("/indexes/contract_listings/") && r.method !== "GET").map((r) => r.path);
      expect(calls.indexOf("/indexes/contract_listings/settings")).toBeLessThan(calls.indexOf("/indexes/contract_listings/documents"));
    });

    it("maps search hits, totals and escaped highlights", async () => {
      await engine.upsert("listing", [{ ...sampleListing, id: "00000000-0000-4000-8000-000000000003", titleZh: "<i>涤纶</i>长丝" }]);
      const res = await engine.search("listing", { q: "涤纶", highlight: true, hitsPerPage: 5 });
      expect(res.total).toBe(2);
      const hit = res.hits.find((h) => h.document.id === "00000000-0000-4000-8000-000000000003")!;
      expect(hit.document).not.toHaveProperty("_formatted");
      expect(hit.highlights?.titleZh).toBe("&lt;i&gt;<mark>涤纶</mark>&lt;/i&gt;长丝");
      expect(hit.score).toBe(0.9);
    });

    it("a failed task or an unavailable server is a retryable error", async () => {
      fake.failNext(1, 502);
      await expect(engine.upsert("listing", [sampleListing])).rejects.toThrow(/502/);
      await expect(engine.upsertInto("missing_index", [sampleListing])).rejects.toThrow(/failed.*not found/);
    });
  });
});

// Runs only with MEILI_URL set: without it the suite does not exist (nothing is reported skipped).
if (env.MEILI_URL) liveSuite(env.MEILI_URL, env.MEILI_MASTER_KEY);

const sampleListing: ListingDocument = {
  id: "00000000-0000-4000-8000-000000000001",
  kind: "capacity",
  status: "published",
  organizationId: "00000000-0000-4000-8000-0000000000aa",
  orgVerified: true,
  orgFeatured: true,
  orgNameZh: "即墨示范针织有限公司",
  orgNameEn: "Jimo Demo Knitting Co.",
  ref: "R-1",
  chainLink: "spinning",
  processes: ["ring_spinning"],
  processesCovered: ["ring_spinning"],
  products: ["yarn"],
  fibers: ["polyester"],
  fibersCovered: ["polyester"],
  cityAdcode: "370200",
  countyAdcode: "370215",
  _geo: { lat: 36.39, lng: 120.45 },
  certifications: ["oeko_tex_100"],
  availableFrom: 20260301,
  availableTo: 20260430,
  capacityValue: 30,
  capacityUnit: "t_per_month",
  moqValue: 1,
  moqUnit: "t",
  leadTimeDays: 10,
  yarnCountNeMin: 20,
  yarnCountNeMax: 60,
  gsmMin: null,
  gsmMax: null,
  widthCmMax: null,
  safetyClass: null,
  titleZh: "涤纶纱 T32S",
  titleEn: "Polyester yarn",
  descriptionZh: null,
  descriptionEn: null,
  termsZh: ["纺纱", "涤纶"],
  termsEn: ["Spinning (yarn)", "Polyester"],
  version: 1,
  updatedAt: 1767225600000,
};
