import { describe, expect, it } from "vitest";
import { DemandError, evaluateListing, rankListings, toMatchDemand } from "./match";
import type { CandidateListing } from "./types";

function listing(over: Partial<CandidateListing> = {}): CandidateListing {
  return {
    id: over.ref ?? "l1",
    ref: "R1",
    kind: "capability",
    chainLink: "spinning",
    processes: ["ring_carded"],
    products: ["yarn"],
    fibers: ["cotton"],
    title: "普梳棉纱 C32S",
    description: null,
    capacityValue: 300,
    capacityUnit: "t_per_month",
    moqValue: 5,
    moqUnit: "t",
    leadTimeDays: 10,
    yarnCountNeMin: 20,
    yarnCountNeMax: 40,
    gsmMin: null,
    gsmMax: null,
    widthCmMax: null,
    availableFrom: null,
    availableTo: null,
    lat: 35.23,
    lng: 115.47,
    cityAdcode: "371700",
    countyAdcode: null,
    company: { id: "o1", name: "菏泽纺纱", cityAdcode: "371700", verified: false },
    certificates: [],
    ...over,
  };
}

describe("toMatchDemand", () => {
  it("converts quantities to canonical units and resolves deliverTo", () => {
    const bale = toMatchDemand({ chainLink: "spinning", quantity: { value: 300, unit: "yarn_bale" }, deliverTo: { cityAdcode: "370215" } });
    expect(bale.quantity).toEqual({ value: 54.432, unit: "t" });
    expect(bale.deliverTo).toMatchObject({ lat: 36.38, lng: 120.45 });
    expect(toMatchDemand({ chainLink: "weaving_knitting", quantity: { value: 10, unit: "万米" } }).quantity).toEqual({ value: 100000, unit: "m" });
    expect(toMatchDemand({ chainLink: "garment", deliverTo: { lat: 36.1, lng: 120.3 } }).deliverTo).toEqual({ lat: 36.1, lng: 120.3, cityAdcode: undefined });
  });

  it("refuses what it cannot match", () => {
    expect(() => toMatchDemand({})).toThrow(DemandError);
    expect(() => toMatchDemand({ chainLink: "spinning", quantity: { value: 1, unit: "furlongs" } })).toThrow(DemandError);
    expect(() => toMatchDemand({ chainLink: "spinning", needBy: "2027-02-30" })).toThrow(DemandError);
    expect(() => toMatchDemand([] as never)).toThrow(DemandError);
  });

  it("fills gaps from the text; structured fields win", () => {
    const d = toMatchDemand({ text: "烟台 羊毛衫 电脑横机 5000件", quantity: { value: 5000, unit: "pcs" }, needBy: "2027-03-15" }, { asOf: "2027-01-10" });
    expect(d.chainLink).toBe("weaving_knitting");
    expect(d.processes).toContain("flat_knitting");
    expect(d.namedPlaces.map((p) => p.adcode)).toContain("370600");
    const s = toMatchDemand({ chainLink: "spinning", processes: ["open_end_rotor"], text: "气流纺 OE16S 毛巾用" }, { asOf: "2027-01-10" });
    expect(s.processes).toEqual(["open_end_rotor"]);
    // 毛巾用 says what the yarn is for; it does not ask a spinner for towels.
    expect(s.products).not.toContain("towels");
  });
});

describe("rankListings", () => {
  const asOf = "2027-01-10";
  const d = toMatchDemand({
    chainLink: "spinning",
    processes: ["ring_carded"],
    fibers: ["cotton"],
    quantity: { value: 50, unit: "t" },
    needBy: "2027-02-20",
    deliverTo: { cityAdcode: "371700" },
    spec: { yarnCountNe: 32 },
  });

  it("returns only listings passing every hard constraint, ideal before good before marginal, with reasons", () => {
    const ideal = listing({ ref: "IDEAL" });
    // 2027-01-20 → 2027-02-20 minus the shutdown (01-30…02-20): 10 days. 165 t/month → 55 t: tight.
    const tight = listing({ ref: "TIGHT", capacityValue: 165 });
    const marginal = listing({ ref: "NOFIBRES", fibers: [] });
    const coarse = listing({ ref: "COARSE", yarnCountNeMin: 36, yarnCountNeMax: 60 });
    const outs = [
      listing({ ref: "FINE", yarnCountNeMax: 30 }),
      listing({ ref: "MOQ", moqValue: 60 }),
      listing({ ref: "SLOW", capacityValue: 60 }),
      listing({ ref: "LINK", chainLink: "weaving_knitting" }),
      listing({ ref: "PROC", processes: ["ring_combed"] }),
      listing({ ref: "POLY", fibers: ["polyester"] }),
      listing({ ref: "LATE", leadTimeDays: 25 }),
    ];
    const r = rankListings(d, [marginal, ...outs, coarse, tight, ideal], asOf);
    expect(r.asOf).toBe(asOf);
    const refs = r.results.map((x) => x.ref);
    expect(refs[0]).toBe("IDEAL");
    expect(refs.slice(1, 3).sort()).toEqual(["COARSE", "TIGHT"]);
    expect(refs[3]).toBe("NOFIBRES");
    expect(refs).toHaveLength(4);
    for (const x of r.results) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
      expect(x.reasons.map((y) => y.code)).toEqual(expect.arrayContaining(["chain_link", "process", "fibers", "yarn_count", "moq", "capacity", "distance"]));
    }
    expect(r.results[0]!.distanceKm).toBeLessThan(20);
    expect(rankListings(d, [ideal, tight], asOf, 1).results).toHaveLength(1);
  });

  it("explains why a listing is out", () => {
    const e = evaluateListing(d, listing({ yarnCountNeMax: 30 }), asOf);
    expect(e.pass).toBe(false);
    expect(e.reasons.find((x) => x.code === "yarn_count")).toMatchObject({ ok: false });
  });

  it("ranks a firm in the named place above one elsewhere", () => {
    const named = toMatchDemand({ chainLink: "spinning", text: "即墨 纱线" }, { asOf });
    const jimo = listing({ ref: "JIMO", countyAdcode: "370215", cityAdcode: "370200", lat: 36.39, lng: 120.46 });
    const elsewhere = listing({ ref: "ELSE" });
    expect(rankListings(named, [elsewhere, jimo], asOf).results.map((x) => x.ref)).toEqual(["JIMO", "ELSE"]);
  });
});

describe("delivery record as a scoring factor", () => {
  const asOf = "2026-03-01";
  const demand = toMatchDemand({ chainLink: "spinning", processes: ["ring_carded"] }, { asOf });
  const record = (deliveredDeals: number, onTimeRate: number | null, avgRating: number | null) => ({ deliveredDeals, onTimeRate, avgRating });

  it("leaves a firm without delivered deals exactly as before", () => {
    const none = evaluateListing(demand, listing(), asOf);
    const empty = evaluateListing(demand, listing({ company: { id: "o1", name: "x", cityAdcode: "371700", verified: false, delivery: record(0, null, null) } }), asOf);
    expect(empty.score).toBe(none.score);
    expect(empty.reasons.some((r) => r.code === "delivery_record")).toBe(false);
  });

  it("ranks a reliable supplier above an unreliable one inside the same grade, with the reason", () => {
    const good = listing({ ref: "GOOD", company: { id: "o1", name: "x", cityAdcode: "371700", verified: false, delivery: record(4, 1, 4.8) } });
    const poor = listing({ ref: "POOR", company: { id: "o2", name: "y", cityAdcode: "371700", verified: false, delivery: record(4, 0.25, 2) } });
    const ranked = rankListings(demand, [poor, good], asOf);
    expect(ranked.results.map((r) => r.ref)).toEqual(["GOOD", "POOR"]);
    const g = evaluateListing(demand, good, asOf);
    const p = evaluateListing(demand, poor, asOf);
    expect(g.grade).toBe(p.grade);
    const reason = g.reasons.find((r) => r.code === "delivery_record");
    expect(reason?.params).toEqual({ factor: "delivery_record", deals: 4, onTimePct: 100, avgRating: 4.8 });
    expect(reason?.ok).toBe(true);
    expect(p.reasons.find((r) => r.code === "delivery_record")?.ok).toBe(false);
  });
});
