import { describe, expect, it } from "vitest";
import { checkCapacity, checkCertifications, checkDistance, checkMoq, checkProducts } from "./constraints";
import { reasonDetail, withDetail, type ReasonParams } from "./reasons";
import { gradeOfScore } from "./score";
import type { CandidateListing, MatchDemand } from "./types";

const demand = (over: Partial<MatchDemand> = {}): MatchDemand => ({ processes: [], products: [], fibers: [], requiredCertifications: [], namedPlaces: [], spec: {}, terms: [], ...over });
const listing = (over: Partial<CandidateListing> = {}): CandidateListing => ({
  id: "l1", ref: "R1", kind: "capability", chainLink: "spinning", processes: ["ring_combed"], products: ["yarn"], fibers: ["cotton"], title: "精梳棉纱", description: null,
  capacityValue: 300, capacityUnit: "t_per_month", moqValue: 5, moqUnit: "t", leadTimeDays: 10, yarnCountNeMin: null, yarnCountNeMax: null, gsmMin: null, gsmMax: null,
  widthCmMax: null, availableFrom: null, availableTo: null, lat: 36.07, lng: 120.38, cityAdcode: "370200", countyAdcode: null,
  company: { id: "o1", name: "青岛纺纱", cityAdcode: "370200", verified: true }, certificates: [], ...over,
});

describe("structured reasons", () => {
  it("carry the numbers the screens show: capacity ratio, km, certificate expiry", () => {
    const cap = checkCapacity(demand({ quantity: { value: 50, unit: "t" }, needBy: "2027-03-01" }), listing(), "2027-01-10").check!;
    expect(cap.reason).toMatchObject({ code: "capacity", ok: true, params: { factor: "capacity", fit: "covers", unit: "t" } });
    const p = cap.reason.params as Extract<ReasonParams, { factor: "capacity" }>;
    expect(p.ratio).toBeGreaterThan(1.5);
    expect(p.days).toBeGreaterThan(0);
    const dist = checkDistance(demand({ deliverTo: { lat: 36.3, lng: 120.4 } }), listing()).check!;
    expect(dist.reason.params).toEqual({ factor: "distance", km: expect.any(Number) });
    const km = (dist.reason.params as Extract<ReasonParams, { factor: "distance" }>).km!;
    expect(km).toBeGreaterThan(24);
    expect(km).toBeLessThan(27);
    const cert = checkCertifications(demand({ requiredCertifications: ["oeko_tex_100"] }), listing({ certificates: [{ schemeId: "oeko_tex_100", validFrom: null, validTo: "2027-03-01", verificationState: "verified" }] }), "2027-01-10")!;
    expect(cert.reason.params).toEqual({ factor: "certification", certificates: [{ scheme: "oeko_tex_100", validTo: "2027-03-01" }] });
  });

  it("write the formats §4 detail from the params (the CLI's Match result JSON)", () => {
    const cases: Array<[ReasonParams, string]> = [
      [{ factor: "chain_link", chainLink: "spinning" }, "spinning"],
      [{ factor: "chain_link", chainLink: "garment", wanted: "spinning" }, "garment ≠ spinning"],
      [{ factor: "process", processes: ["ring_combed", "siro"], wanted: ["ring_combed", "siro"] }, "ring_combed|siro"],
      [{ factor: "process", processes: [], wanted: ["siro"] }, "none of siro"],
      [{ factor: "fibers", fibers: ["cotton"], stated: false, missing: [] }, "not stated"],
      [{ factor: "fibers", fibers: ["cotton", "wool"], stated: true, missing: ["wool"] }, "missing wool"],
      [{ factor: "certification", certificates: [{ scheme: "oeko_tex_100", validTo: "2027-03-01" }, { scheme: "gots", validTo: null }] }, "oeko_tex_100 valid until 2027-03-01; gots (expiry unknown)"],
      [{ factor: "certification", certificates: [], missing: "gots", asOf: "2027-01-10" }, "gots missing or expired on 2027-01-10"],
      [{ factor: "yarn_count", value: 40, min: 20, max: 60, fit: "in" }, "Ne40 in Ne20–60"],
      [{ factor: "yarn_count", value: 80, min: 20, max: 60, fit: "finer" }, "Ne80 finer than Ne60"],
      [{ factor: "gsm", value: 180, min: 160, max: null, fit: "in" }, "180 g/m² in 160–?"],
      [{ factor: "width", value: 280, max: 250, fit: "wider" }, "280 cm wider than 250 cm"],
      [{ factor: "moq", moq: 5, unit: "t", quantity: 50, comparable: true }, "MOQ 5 t ≤ 50"],
      [{ factor: "capacity", fit: "tight", ratio: 1.2, deliverable: 60, unit: "t", days: 40 }, "tight: covers 1.2× (60 t in 40 days)"],
      [{ factor: "capacity", fit: "no_days", start: "2027-02-01", end: "2027-01-20" }, "no production days between 2027-02-01 and 2027-01-20"],
      [{ factor: "distance", km: 35.2 }, "35.2 km away"],
      [{ factor: "distance", km: 135.2, maxKm: 100 }, "135.2 km > 100 km"],
      [{ factor: "product", products: [], offered: ["towels"], wanted: ["bedding"], stated: true }, "offers towels, not bedding"],
      [{ factor: "named_place", place: "即墨", fit: "near", places: ["即墨"] }, "near 即墨"],
      [{ factor: "text", pct: 50 }, "50% of the terms"],
      [{ factor: "lead_time", days: null }, "lead time not stated"],
      [{ factor: "verification", verified: true }, "verified company"],
    ];
    for (const [params, detail] of cases) expect(reasonDetail(params)).toBe(detail);
    const moq = checkMoq(demand({ quantity: { value: 50, unit: "t" } }), listing())!;
    expect(withDetail(moq.reason)).toEqual({ code: "moq", ok: true, params: { factor: "moq", moq: 5, unit: "t", quantity: 50, comparable: true }, detail: "MOQ 5 t ≤ 50" });
    const product = checkProducts(demand({ products: ["bedding"] }), listing({ products: ["towels"] }))!;
    expect(withDetail(product.reason)).toMatchObject({ code: "product", ok: false, detail: "offers towels, not bedding" });
  });

  it("grades a score by the matcher's bands", () => {
    expect([gradeOfScore(0.95), gradeOfScore(0.7), gradeOfScore(0.69), gradeOfScore(0.35), gradeOfScore(0.2)]).toEqual([3, 3, 2, 2, 1]);
  });
});
