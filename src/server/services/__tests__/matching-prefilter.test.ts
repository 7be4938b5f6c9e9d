import { expect, it } from "vitest";
import { generateBenchDemands, generateBenchMarket, insertBenchMarket, naiveCandidates } from "@/cli/commands/bench-match-market";
import { greatCircleKm } from "@/domain/matching/geo";
import { rankListings, toMatchDemand } from "@/domain/matching/match";
import type { DemandJson } from "@/domain/matching/types";
import { createRng } from "@/server/services/seed/rng";
import { describeEachDb } from "@/test/db";
import { matchDemand } from "../matching";
import { boundingBox } from "../matching-prefilter";

/**
 * The SQL prefilter and the ideal-first loading only narrow what the domain ranks: on a generated
 * market, matchDemand returns exactly what ranking every listing of the chain link returns, for
 * structured and text demands with distance limits, certificates, quantities, need-by dates and tops.
 */
describeEachDb(
  "matching prefilter",
  (t) => {
    it("returns the same results as the domain over every listing", async () => {
      const market = generateBenchMarket(900);
      await insertBenchMarket(t.db, market);
      const rng = createRng(11);
      const certs = ["oeko_tex_100", "gots", "amfori_bsci", "iso_9001", "grs"];
      const demands: DemandJson[] = [];
      for (const d of generateBenchDemands(24, market.firms)) {
        demands.push(d);
        const v: DemandJson = { ...d, deliverTo: d.deliverTo ?? { cityAdcode: "370200" } };
        v.maxDistanceKm = [30, 120, 300, 700][rng.int(0, 3)];
        if (rng() < 0.5) v.requiredCertifications = [certs[rng.int(0, certs.length - 1)]!];
        v.quantity = { value: [5, 500, 50000, 500000][rng.int(0, 3)]!, unit: ["t", "m", "pcs", "dozen_pairs", "pairs"][rng.int(0, 4)]! };
        v.needBy = ["2027-01-25", "2027-02-20", "2027-05-01"][rng.int(0, 2)];
        demands.push(v);
      }
      let compared = 0;
      for (const [i, d] of demands.entries()) {
        const asOf = ["2027-01-10", "2026-12-20"][i % 2]!;
        const top = [undefined, 10, 3][i % 3];
        const md = toMatchDemand(d, { asOf });
        const fast = await matchDemand(t.db, md, asOf, top);
        const all = rankListings(md, await naiveCandidates(t.db, { ...md, terms: [] }), asOf, top);
        expect(fast, JSON.stringify(d)).toEqual(all);
        compared += all.results.length;
      }
      expect(compared).toBeGreaterThan(100);
    }, 120_000);
  },
  { fresh: true },
);

it("the bounding box holds every point within the distance", () => {
  const rng = createRng(5);
  for (let k = 0; k < 2000; k++) {
    const c = { lat: 34 + rng() * 4, lng: 115 + rng() * 7 };
    const km = 5 + rng() * 500;
    const box = boundingBox(c, km);
    const p = { lat: c.lat + (rng() - 0.5) * 12, lng: c.lng + (rng() - 0.5) * 14 };
    if (greatCircleKm(c, p) > km) continue;
    expect(p.lat).toBeGreaterThanOrEqual(box.lat[0]);
    expect(p.lat).toBeLessThanOrEqual(box.lat[1]);
    expect(p.lng).toBeGreaterThanOrEqual(box.lng![0]);
    expect(p.lng).toBeLessThanOrEqual(box.lng![1]);
  }
});
