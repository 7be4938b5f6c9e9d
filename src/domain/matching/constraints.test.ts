import { describe, expect, it } from "vitest";
import { checkCapacity, checkCertifications, checkChainLink, checkDistance, checkFibers, checkMoq, checkNamedPlace, checkProcesses, checkProducts, checkSpec } from "./constraints";
import type { CandidateListing, MatchDemand } from "./types";

function demand(over: Partial<MatchDemand> = {}): MatchDemand {
  return { processes: [], products: [], fibers: [], requiredCertifications: [], namedPlaces: [], spec: {}, terms: [], ...over };
}

function listing(over: Partial<CandidateListing> = {}): CandidateListing {
  return {
    id: "l1",
    ref: "R1",
    kind: "capability",
    chainLink: "spinning",
    processes: ["ring_combed"],
    products: ["yarn"],
    fibers: ["cotton"],
    title: "精梳棉纱",
    description: null,
    capacityValue: 300,
    capacityUnit: "t_per_month",
    moqValue: null,
    moqUnit: null,
    leadTimeDays: 10,
    yarnCountNeMin: null,
    yarnCountNeMax: null,
    gsmMin: null,
    gsmMax: null,
    widthCmMax: null,
    availableFrom: null,
    availableTo: null,
    lat: 36.07,
    lng: 120.38,
    cityAdcode: "370200",
    countyAdcode: null,
    company: { id: "o1", name: "青岛纺纱", cityAdcode: "370200", verified: false },
    certificates: [],
    ...over,
  };
}

describe("chain link and processes", () => {
  it("requires the same chain link", () => {
    expect(checkChainLink(demand({ chainLink: "spinning" }), listing())!.pass).toBe(true);
    expect(checkChainLink(demand({ chainLink: "garment" }), listing())!.pass).toBe(false);
    expect(checkChainLink(demand(), listing())).toBeNull();
  });

  it("needs one of the processes, a process counting as those it implies", () => {
    expect(checkProcesses(demand({ processes: ["ring_carded", "ring_combed"] }), listing())!.pass).toBe(true);
    expect(checkProcesses(demand({ processes: ["open_end_rotor"] }), listing())!.pass).toBe(false);
    const odm = listing({ chainLink: "garment", processes: ["odm"] });
    expect(checkProcesses(demand({ processes: ["cmt"] }), odm)!.pass).toBe(true);
    expect(checkProcesses(demand({ processes: ["fob_full_package"] }), odm)!.pass).toBe(true);
    // Implication goes one way: a CMT shop does not take ODM work.
    expect(checkProcesses(demand({ processes: ["odm"] }), listing({ chainLink: "garment", processes: ["cmt"] }))!.pass).toBe(false);
  });
});

describe("fibers", () => {
  it("counts a fibre as its parent, keeps listings without fibres but marginal", () => {
    expect(checkFibers(demand({ fibers: ["cotton"] }), listing({ fibers: ["organic_cotton"] }))!.pass).toBe(true);
    expect(checkFibers(demand({ fibers: ["organic_cotton"] }), listing({ fibers: ["cotton"] }))!.pass).toBe(false);
    expect(checkFibers(demand({ fibers: ["cotton", "polyester"] }), listing({ fibers: ["cotton"] }))!.pass).toBe(false);
    const none = checkFibers(demand({ fibers: ["cotton"] }), listing({ fibers: [] }))!;
    expect(none).toMatchObject({ pass: true, grade: 1 });
  });
});

describe("certifications", () => {
  const cert = (schemeId: string, validTo: string | null, verificationState = "verified") => ({ schemeId, validFrom: null, validTo, verificationState });
  const d = demand({ requiredCertifications: ["oeko_tex_100"] });
  it("holds on the expiry day, not after; rejected never counts", () => {
    expect(checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", "2027-01-10")] }), "2027-01-10")!.pass).toBe(true);
    expect(checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", "2027-01-09")] }), "2027-01-10")!.pass).toBe(false);
    expect(checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", "2028-01-01", "rejected")] }), "2027-01-10")!.pass).toBe(false);
    expect(checkCertifications(d, listing({ certificates: [cert("grs", "2028-01-01")] }), "2027-01-10")!.pass).toBe(false);
    expect(checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", "2028-01-01", "pending")] }), "2027-01-10")!.reason.params).toEqual({ factor: "certification", certificates: [{ scheme: "oeko_tex_100", validTo: "2028-01-01" }] });
  });
  it("accepts a certificate without expiry but ranks it below a dated one", () => {
    const undated = checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", null)] }), "2027-01-10")!;
    const dated = checkCertifications(d, listing({ certificates: [cert("oeko_tex_100", "2027-06-01")] }), "2027-01-10")!;
    expect(undated.pass && dated.pass).toBe(true);
    expect(undated.grade).toBeLessThan(dated.grade);
  });
});

describe("spec", () => {
  const yarn = (ne: number, l: Partial<CandidateListing>) => checkSpec(demand({ spec: { yarnCountNe: ne } }), listing(l))[0]!;
  it("yarn count: finer than the finest is out, coarser than the minimum ranks lower", () => {
    expect(yarn(50, { yarnCountNeMin: 20, yarnCountNeMax: 40 }).pass).toBe(false);
    expect(yarn(40, { yarnCountNeMin: 20, yarnCountNeMax: 40 })).toMatchObject({ pass: true, grade: 3 });
    expect(yarn(16, { yarnCountNeMin: 20, yarnCountNeMax: 40 })).toMatchObject({ pass: true, grade: 2 });
    const missing = yarn(40, {});
    expect(missing.pass).toBe(true);
    expect(missing.soft).toBeLessThan(1);
  });
  it("fabric weight within the range ±5%, width at most the widest", () => {
    const gsm = (g: number) => checkSpec(demand({ spec: { gsm: g } }), listing({ gsmMin: 200, gsmMax: 300 }))[0]!.pass;
    expect([gsm(190), gsm(189), gsm(315), gsm(316), gsm(250)]).toEqual([true, false, true, false, true]);
    const width = (w: number) => checkSpec(demand({ spec: { widthCm: w } }), listing({ widthCmMax: 280 }))[0]!.pass;
    expect([width(280), width(281)]).toEqual([true, false]);
    expect(checkSpec(demand({ spec: { gsm: 250 } }), listing())[0]).toMatchObject({ pass: true });
  });
});

describe("MOQ", () => {
  it("is out above the quantity, in canonical units (dozen pairs × 12 = pairs)", () => {
    const socks = listing({ chainLink: "weaving_knitting", moqValue: 1000, moqUnit: "dozen_pairs" });
    expect(checkMoq(demand({ quantity: { value: 12000, unit: "pairs" } }), socks)!.pass).toBe(true);
    expect(checkMoq(demand({ quantity: { value: 11999, unit: "pairs" } }), socks)!.pass).toBe(false);
    expect(checkMoq(demand({ quantity: { value: 5, unit: "t" } }), listing())).toBeNull();
  });
});

describe("capacity before needBy", () => {
  const d = (value: number, needBy = "2027-05-01") => demand({ quantity: { value, unit: "t" }, needBy });
  it("grades by deliverable = rate × production days / 30", () => {
    // 2027-03-11 → 2027-05-01: 51 days, 300 t/month → 510 t.
    const l = listing({ leadTimeDays: 0 });
    expect(checkCapacity(d(1100), l, "2027-03-11").check!.pass).toBe(false); // < 0.5×
    expect(checkCapacity(d(1000), l, "2027-03-11").check).toMatchObject({ pass: true, grade: 1 }); // marginal
    expect(checkCapacity(d(500), l, "2027-03-11").check).toMatchObject({ pass: true, grade: 2 }); // tight
    expect(checkCapacity(d(340), l, "2027-03-11").check).toMatchObject({ pass: true, grade: 3 });
    expect(checkCapacity(d(340), l, "2027-03-11").ratio).toBeCloseTo(1.5, 5);
  });
  it("starts after the lead time, skips the Spring Festival shutdown, and has no production days after needBy", () => {
    const r = checkCapacity(d(100, "2027-02-25"), listing({ leadTimeDays: 9 }), "2027-01-10");
    expect(r.days).toBe(15);
    expect(checkCapacity(d(1, "2027-01-15"), listing({ leadTimeDays: 9 }), "2027-01-10").check!.pass).toBe(false);
    expect(checkCapacity(d(1, "2027-02-15"), listing({ leadTimeDays: 20 }), "2027-01-10").check!.pass).toBe(false);
  });
  it("keeps a capacity listing inside its window", () => {
    const cap = listing({ kind: "capacity", leadTimeDays: 0, availableFrom: "2027-04-01", availableTo: "2027-04-16" });
    const r = checkCapacity(d(100), cap, "2027-03-01");
    expect(r.days).toBe(15);
    expect(r.check).toMatchObject({ pass: true, grade: 3 }); // 150 t for 100
    const closed = listing({ kind: "capacity", leadTimeDays: 0, availableFrom: "2027-01-01", availableTo: "2027-02-28" });
    expect(checkCapacity(d(1), closed, "2027-03-01").check!.pass).toBe(false);
  });
  it("converts units: dozen-pair rates against a quantity in pairs", () => {
    const socks = listing({ capacityValue: 1000, capacityUnit: "dozen_pairs_per_month", leadTimeDays: 0 });
    const r = checkCapacity(demand({ quantity: { value: 12000, unit: "pairs" }, needBy: "2027-06-30" }), socks, "2027-05-31");
    expect(r.ratio).toBeCloseTo(1, 5);
  });
});

describe("distance, products, named place", () => {
  it("is out beyond maxDistanceKm and ranks lower beyond 400 km", () => {
    const jinan = { lat: 36.67, lng: 116.98 };
    const qd = listing(); // Qingdao ≈ 300 km from Jinan
    const near = checkDistance(demand({ deliverTo: jinan }), qd);
    expect(near.km).toBeGreaterThan(280);
    expect(near.km).toBeLessThan(330);
    expect(near.check).toMatchObject({ pass: true, grade: 3 });
    expect(checkDistance(demand({ deliverTo: jinan, maxDistanceKm: 250 }), qd).check!.pass).toBe(false);
    const far = checkDistance(demand({ deliverTo: { lat: 31.23, lng: 121.47 } }), qd); // Shanghai
    expect(far.check).toMatchObject({ pass: true, grade: 2 });
  });
  it("a product mismatch is marginal, not out", () => {
    expect(checkProducts(demand({ products: ["sewing_thread"] }), listing())).toMatchObject({ pass: true, grade: 1 });
    expect(checkProducts(demand({ products: ["yarn"] }), listing())).toMatchObject({ pass: true, grade: 3 });
  });
  it("ranks firms in a named place first", () => {
    const named = demand({ namedPlaces: [{ kind: "county", adcode: "370215", name: "即墨", lat: 36.38, lng: 120.45 }] });
    expect(checkNamedPlace(named, listing({ countyAdcode: "370215" }))!.grade).toBe(3);
    expect(checkNamedPlace(named, listing({ lat: 37.46, lng: 121.44, cityAdcode: "370600", company: { id: "o", name: "x", cityAdcode: "370600", verified: false } }))!.grade).toBe(2);
  });
});
