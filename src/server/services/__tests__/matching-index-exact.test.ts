import { expect, it } from "vitest";
import { generateBenchDemands, generateBenchMarket, insertBenchMarket, naiveCandidates } from "@/cli/commands/bench-match-market";
import { evaluateListing, rankListings, toMatchDemand } from "@/domain/matching/match";
import type { CandidateListing, DemandJson } from "@/domain/matching/types";
import { createRng } from "@/server/services/seed/rng";
import { describeEachDb } from "@/test/db";
import { matchDemand } from "../matching";
import { upperBounds } from "../matching-index-bound";
import { loadCandidateListings } from "../matching-index-load";

/**
 * The index's bounds and early stop only decide what the domain evaluates: on a generated market,
 * matchDemand returns exactly what ranking every listing of the chain link returns (the listings
 * read by a plain query), for structured and text demands with distance limits, certificates,
 * quantities, need-by dates, soft certificates, named places and tops.
 */

const CERTS = ["oeko_tex_100", "gots", "amfori_bsci", "iso_9001", "grs"];

function variedDemands(firms: Parameters<typeof generateBenchDemands>[1], seed: number): DemandJson[] {
  const rng = createRng(seed);
  const out: DemandJson[] = [];
  for (const d of generateBenchDemands(24, firms)) {
    out.push(d);
    // Harsh: a distance limit, a certificate, a quantity in some unit, a near need-by date.
    const v: DemandJson = { ...d, deliverTo: d.deliverTo ?? { cityAdcode: "370200" } };
    v.maxDistanceKm = [30, 120, 300, 700][rng.int(0, 3)];
    if (rng() < 0.5) v.requiredCertifications = [CERTS[rng.int(0, CERTS.length - 1)]!];
    v.quantity = { value: [5, 500, 50000, 500000][rng.int(0, 3)]!, unit: ["t", "m", "pcs", "dozen_pairs", "pairs"][rng.int(0, 4)]! };
    v.needBy = ["2027-01-25", "2027-02-20", "2027-05-01"][rng.int(0, 2)];
    out.push(v);
    // Mild: named places and certificates in the text, a spec, no date.
    const m: DemandJson = { ...d, needBy: null, text: `${d.text ?? ""} 即墨 高密 OEKO-TEX GRS` };
    if (rng() < 0.4) m.spec = { yarnCountNe: [20, 40, 60][rng.int(0, 2)], gsm: [120, 200][rng.int(0, 1)], widthCm: [150, 280][rng.int(0, 1)] };
    out.push(m);
  }
  return out;
}

describeEachDb(
  "matching over the index",
  (t) => {
    it("returns the same results as the domain over every listing of the chain link", async () => {
      const market = generateBenchMarket(1200);
      await insertBenchMarket(t.db, market);
      let compared = 0;
      for (const [i, d] of variedDemands(market.firms, 11).entries()) {
        const asOf = ["2027-01-10", "2026-12-20"][i % 2]!;
        const top = [undefined, 10, 3, 1][i % 4];
        const md = toMatchDemand(d, { asOf });
        const fast = await matchDemand(t.db, md, asOf, top);
        const all = rankListings(md, await naiveCandidates(t.db, { ...md, terms: [] }), asOf, top);
        expect(fast, JSON.stringify(d)).toEqual(all);
        compared += all.results.length;
      }
      expect(compared).toBeGreaterThan(100);
    }, 180_000);

    it("loads listings as a plain query reads them", async () => {
      const loaded = await loadCandidateListings(t.db, { all: true });
      const plain = await naiveCandidates(t.db, { chainLink: undefined, processes: [], products: [], fibers: [], requiredCertifications: [], namedPlaces: [], spec: {}, terms: [] });
      const comparable = (c: CandidateListing) => ({ ...c, company: { id: c.company.id, name: c.company.name, verified: c.company.verified } });
      expect(loaded.map(comparable)).toEqual(plain.sort((a, b) => (a.id < b.id ? -1 : 1)).map(comparable));
    });
  },
  { fresh: true },
);

it("bounds a listing's score from above (text relevance exact, then from the Bloom filter) and fails only listings the domain fails", () => {
  const market = generateBenchMarket(2000, 0x5eed);
  const asOf = "2027-01-10";
  // The generated listings as the matcher reads them (organisation coordinates, their certificates).
  const certs = new Map(market.certificates.map((c) => [c.id, c]));
  const held = new Map<string, CandidateListing["certificates"]>();
  for (const lc of market.listingCertificates) {
    const c = certs.get(lc.certificationId)!;
    held.set(lc.listingId, [...(held.get(lc.listingId) ?? []), { schemeId: c.schemeId, validFrom: c.validFrom, validTo: c.validTo, verificationState: c.verificationState }]);
  }
  const rng = createRng(3);
  const candidates: CandidateListing[] = market.listings.map((l) => {
    const f = market.firms[l.firm]!;
    const located = rng() > 0.1;
    return {
      ...l, ref: l.ref, moqValue: l.moqValue ?? null, moqUnit: l.moqUnit ?? null, lat: located ? f.lat : null, lng: located ? f.lng : null, cityAdcode: f.city, countyAdcode: f.county,
      company: { id: f.id, name: f.nameZh, cityAdcode: f.city, verified: f.verificationState === "verified", delivery: rng() < 0.2 ? { deliveredDeals: rng.int(1, 9), onTimeRate: rng(), avgRating: 1 + 4 * rng() } : null },
      certificates: held.get(l.id) ?? [],
    } as CandidateListing;
  });
  let passed = 0;
  for (const d of variedDemands(market.firms, 29)) {
    const md = toMatchDemand(d, { asOf });
    const ub = upperBounds(md, asOf);
    for (const c of candidates) {
      if (md.chainLink && c.chainLink !== md.chainLink) continue;
      const e = evaluateListing(md, c, asOf);
      const b = ub(c);
      if (!e.pass) continue;
      expect(b.second, `${c.ref} ${JSON.stringify(d)}`).toBeGreaterThanOrEqual(e.score);
      expect(b.first).toBeGreaterThanOrEqual(b.second);
      passed++;
    }
  }
  expect(passed).toBeGreaterThan(800);
});
