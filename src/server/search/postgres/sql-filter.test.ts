import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import type { ListingDocument } from "../documents";
import { f, FilterError, type Filter } from "../filter";
import { PostgresSearchEngine } from "../postgres";
import { listingDoc } from "./fixtures";

/** Every filter operator against a hand-made set of five listings, on both databases. */
describeEachDb(
  "embedded search filters",
  (t) => {
    let engine: PostgresSearchEngine;
    const org = randomUUID();
    const qingdao = { lat: 36.0671, lng: 120.3826 };
    const weifang = { lat: 36.7069, lng: 119.1618 };
    beforeAll(async () => {
      engine = new PostgresSearchEngine(t.db, { drainOnRead: false });
      await engine.upsert("listing", [
        listingDoc({ organizationId: org, ref: "a", kind: "capacity", processesCovered: ["ring_spinning", "winding"], fibersCovered: ["cotton"], certifications: ["oeko_tex_100"], capacityValue: 30, leadTimeDays: 10, orgVerified: true, cityAdcode: "370200", _geo: qingdao, availableFrom: 20270101, availableTo: 20270331 }),
        listingDoc({ organizationId: org, ref: "b", processesCovered: ["ring_spinning"], fibersCovered: ["cotton", "polyester"], capacityValue: 100, leadTimeDays: 30, cityAdcode: "370700", _geo: weifang }),
        listingDoc({ organizationId: org, ref: "c", processesCovered: ["air_jet_loom"], fibersCovered: ["polyester"], certifications: ["gots", "oeko_tex_100"], capacityValue: 5.5, leadTimeDays: null, orgVerified: true, cityAdcode: "370700", _geo: null }),
        listingDoc({ organizationId: org, ref: "d", processesCovered: [], capacityValue: 0, leadTimeDays: 0, cityAdcode: null, safetyClass: "" }),
        listingDoc({ organizationId: org, ref: "e", status: "draft", processesCovered: ["ring_spinning"], capacityValue: 250, leadTimeDays: 45, cityAdcode: "370200", _geo: { lat: 36.1, lng: 120.4 } }),
      ]);
    });
    const refs = async (filter: Filter) =>
      (await engine.search("listing", { filter: f.and(f.eq("organizationId", org), filter), hitsPerPage: 100 })).hits.map((h) => (h.document as ListingDocument).ref).sort();

    it("= and != on scalars, booleans and arrays (any element)", async () => {
      expect(await refs(f.eq("cityAdcode", "370700"))).toEqual(["b", "c"]);
      expect(await refs(f.eq("orgVerified", true))).toEqual(["a", "c"]);
      expect(await refs(f.eq("orgVerified", false))).toEqual(["b", "d", "e"]);
      expect(await refs(f.eq("capacityValue", 5.5))).toEqual(["c"]);
      expect(await refs(f.eq("processesCovered", "ring_spinning"))).toEqual(["a", "b", "e"]);
      expect(await refs(f.eq("certifications", "oeko_tex_100"))).toEqual(["a", "c"]);
      expect(await refs(f.ne("processesCovered", "ring_spinning"))).toEqual(["c", "d"]);
      expect(await refs(f.ne("cityAdcode", "370200"))).toEqual(["b", "c", "d"]);
      expect(await refs(f.ne("status", "published"))).toEqual(["e"]);
    });

    it("> >= < <= and TO on numbers; documents without the number never match, and NOT keeps them", async () => {
      expect(await refs(f.gt("capacityValue", 30))).toEqual(["b", "e"]);
      expect(await refs(f.gte("capacityValue", 30))).toEqual(["a", "b", "e"]);
      expect(await refs(f.lt("leadTimeDays", 10))).toEqual(["d"]);
      expect(await refs(f.lte("leadTimeDays", 10))).toEqual(["a", "d"]);
      expect(await refs(f.between("leadTimeDays", 10, 30))).toEqual(["a", "b"]);
      expect(await refs(f.between("availableFrom", 20261201, 20270101))).toEqual(["a"]);
      expect(await refs(f.not(f.gt("leadTimeDays", 20)))).toEqual(["a", "c", "d"]);
      await expect(engine.search("listing", { filter: { op: ">", attr: "capacityValue", value: "30" } })).rejects.toThrow(FilterError);
      await expect(engine.search("listing", { filter: f.gt("capacityValue", Number.NaN) })).rejects.toThrow(FilterError);
    });

    it("IN and NOT IN, on scalars and arrays", async () => {
      expect(await refs(f.in("cityAdcode", ["370200", "370999"]))).toEqual(["a", "e"]);
      expect(await refs(f.in("fibersCovered", ["polyester", "linen"]))).toEqual(["b", "c"]);
      expect(await refs(f.notIn("fibersCovered", ["cotton"]))).toEqual(["c", "d", "e"]);
      expect(await refs(f.notIn("kind", ["capacity"]))).toEqual(["b", "c", "d", "e"]);
      expect(await refs(f.in("kind", []))).toEqual([]);
      expect(await refs(f.notIn("kind", []))).toEqual(["a", "b", "c", "d", "e"]);
    });

    it("EXISTS, IS NULL and IS EMPTY", async () => {
      expect(await refs(f.exists("leadTimeDays"))).toEqual(["a", "b", "c", "d", "e"]);
      expect(await refs(f.notExists("leadTimeDays"))).toEqual([]);
      expect(await refs(f.isNull("leadTimeDays"))).toEqual(["c"]);
      expect(await refs(f.isNull("cityAdcode"))).toEqual(["d"]);
      expect(await refs(f.isEmpty("processesCovered"))).toEqual(["d"]);
      expect(await refs(f.isEmpty("safetyClass"))).toEqual(["d"]);
      expect(await refs(f.not(f.isEmpty("certifications")))).toEqual(["a", "c"]);
    });

    it("AND, OR and NOT nest; empty AND is no condition, empty OR and NOT of nothing are errors", async () => {
      expect(await refs(f.or(f.eq("kind", "capacity"), f.and(f.eq("cityAdcode", "370700"), f.gt("capacityValue", 50))))).toEqual(["a", "b"]);
      expect(await refs(f.not(f.or(f.eq("cityAdcode", "370200"), f.isNull("cityAdcode"))))).toEqual(["b", "c"]);
      expect(await refs(f.and(null, false, undefined))).toEqual(["a", "b", "c", "d", "e"]);
      await expect(engine.search("listing", { filter: f.or() })).rejects.toThrow(FilterError);
      await expect(engine.search("listing", { filter: f.not(f.and()) })).rejects.toThrow(FilterError);
    });

    it("geo radius and bounding box on the document's point", async () => {
      expect(await refs(f.geoRadius(qingdao.lat, qingdao.lng, 10_000))).toEqual(["a", "e"]);
      expect(await refs(f.geoRadius(qingdao.lat, qingdao.lng, 200_000))).toEqual(["a", "b", "e"]);
      expect(await refs(f.geoRadius(qingdao.lat, qingdao.lng, 0))).toEqual(["a"]);
      expect(await refs(f.geoBoundingBox([36.8, 119.5], [36.5, 118.9]))).toEqual(["b"]);
      expect(await refs(f.geoBoundingBox([37, 121], [36, 119]))).toEqual(["a", "b", "e"]);
      expect(await refs(f.not(f.geoRadius(qingdao.lat, qingdao.lng, 10_000)))).toEqual(["b", "c", "d"]);
      await expect(engine.search("listing", { filter: f.geoRadius(0, 0, -1) })).rejects.toThrow(FilterError);
    });

    it("rejects attributes that are not filterable, and never interpolates values", async () => {
      await expect(engine.search("listing", { filter: f.eq("titleZh", "x") })).rejects.toThrow(FilterError);
      await expect(engine.search("listing", { filter: f.eq("_geo", "x") })).rejects.toThrow(FilterError);
      await expect(engine.search("listing", { filter: f.eq("status'; drop table search_documents; --", "x") })).rejects.toThrow(FilterError);
      expect(await refs(f.eq("cityAdcode", `370200' or '1'='1`))).toEqual([]);
      expect(await refs(f.in("processesCovered", [`"]}' or true --`, "ring_spinning"]))).toEqual(["a", "b", "e"]);
    });
  },
  { fresh: true },
);
