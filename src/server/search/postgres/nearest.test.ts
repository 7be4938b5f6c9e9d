import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { greatCircleKm } from "@/domain/matching/geo";
import { createRng } from "@/server/services/seed/rng";
import { describeEachDb } from "@/test/db";
import type { ListingDocument } from "../documents";
import type { SearchQuery } from "../engine";
import { f } from "../filter";
import { PostgresSearchEngine } from "../postgres";
import { listingDoc } from "./fixtures";
import { firstCapRadius, nextCapRadius, radiusFromSample, sampleMatches } from "./nearest";
import { plan, searchOnce } from "./read";
import { capBox } from "./sql-filter";

const R = 6_371_000;
const rad = Math.PI / 180;

/** The point `meters` from (lat, lng) on `bearing` degrees (the sphere's direct problem). */
function destination(lat: number, lng: number, meters: number, bearing: number) {
  const d = meters / R;
  const [p1, l1, th] = [lat * rad, lng * rad, bearing * rad];
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th));
  const l2 = l1 + Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: p2 / rad, lng: l2 / rad };
}

describe("capBox", () => {
  it("holds every point of the cap's edge, and is no wider than the edge reaches", () => {
    const rng = createRng(7);
    let checked = 0;
    for (let i = 0; i < 120; i++) {
      const lat = rng.float(-70, 70, 4);
      const lng = rng.float(-150, 150, 4);
      const meters = rng.chance(0.5) ? rng.float(100, 50_000, 0) : rng.float(50_000, 2_000_000, 0);
      const box = capBox(lat, lng, meters);
      if (!box) continue;
      let east = -Infinity;
      let north = -Infinity;
      for (let bearing = 0; bearing < 360; bearing += 1) {
        const p = destination(lat, lng, meters, bearing);
        expect(p.lat).toBeGreaterThanOrEqual(box.south);
        expect(p.lat).toBeLessThanOrEqual(box.north);
        expect(p.lng).toBeGreaterThanOrEqual(box.west);
        expect(p.lng).toBeLessThanOrEqual(box.east);
        east = Math.max(east, p.lng);
        north = Math.max(north, p.lat);
        checked++;
      }
      // Tight: the edge reaches the box's sides (within what one-degree bearing steps miss).
      expect((box.east - east) / (box.east - lng)).toBeLessThan(1e-3);
      expect((box.north - north) / (box.north - lat)).toBeLessThan(1e-3);
    }
    expect(checked).toBeGreaterThan(20_000);
  });

  it("gives up where no box bounds the cap: over a pole or across the antimeridian", () => {
    expect(capBox(89.5, 0, 100_000)).toBeNull();
    expect(capBox(0, 179.9, 50_000)).toBeNull();
    expect(capBox(36, 120, 50_000)).not.toBeNull();
  });
});

describe("radius hints", () => {
  const qingdao = { lat: 36.0671, lng: 120.3826 };
  it("sizes the first cap from a sample of points: the distance to the point that holds enough matches", () => {
    // 1,000 points, one every kilometre due north.
    const points = new Float64Array(2000);
    for (let i = 0; i < 1000; i++) {
      const p = destination(qingdao.lat, qingdao.lng, (i + 1) * 1000, 0);
      points[2 * i] = p.lat;
      points[2 * i + 1] = p.lng;
    }
    // All documents sampled, all match, 10 candidates wanted with 25% headroom: the 13th point, 13 km, plus 5%.
    expect(radiusFromSample(points, 1, 1, qingdao, 10)).toBeCloseTo(13_000 * 1.05, -1);
    // A tenth of the documents match: ten times as far.
    expect(radiusFromSample(points, 1, 0.1, qingdao, 10)).toBeCloseTo(125_000 * 1.05, -2);
    // A half-percent sample, every match: 10 × 1.25 × 0.005 → the first point.
    expect(radiusFromSample(points, 0.005, 1, qingdao, 10)).toBeCloseTo(1050, 3);
    // More than 40% of the sample needed: read every match instead.
    expect(radiusFromSample(points, 1, 0.03, qingdao, 10)).toBeNull();
    // Matches clustered far away: the cap that holds enough holds most of them.
    const clustered = new Float64Array(200);
    for (let i = 0; i < 100; i++) {
      const p = destination(qingdao.lat, qingdao.lng, i < 10 ? 1000 * (i + 1) : 300_000 + i, 90);
      clustered[2 * i] = p.lat;
      clustered[2 * i + 1] = p.lng;
    }
    expect(radiusFromSample(clustered, 1, 1, qingdao, 9)).toBeNull();
    expect(radiusFromSample(clustered, 1, 1, qingdao, 4)).toBeCloseTo(5000 * 1.05, -1);
  });

  it("grows the next cap with how far short the last one fell, 1.3–3×", () => {
    expect(nextCapRadius(1000, 0, 100)).toBe(3000);
    expect(nextCapRadius(1000, 99, 100)).toBe(1300);
    expect(nextCapRadius(1000, 25, 100)).toBeCloseTo(1000 * Math.sqrt(5), 6);
  });
});

describeEachDb(
  "nearest first through caps",
  (t) => {
    const qingdao = { lat: 36.0671, lng: 120.3826 };
    const jinan = { lat: 36.6512, lng: 117.1201 };
    const o = randomUUID();
    const docs: ListingDocument[] = [];
    // Small candidate sets so that a handful of documents exercises the caps.
    const maxCandidates = 5;
    let capped: PostgresSearchEngine;

    beforeAll(async () => {
      const rng = createRng(11);
      for (let i = 0; i < 60; i++) {
        const at = destination(qingdao.lat, qingdao.lng, rng.float(200, 80_000, 0), rng.float(0, 360, 1));
        docs.push(
          listingDoc({
            organizationId: o,
            ref: `q${i}`,
            titleZh: i % 2 ? "涤纶长丝加工" : "精梳棉纱",
            fibers: [i % 3 ? "cotton" : "polyester"],
            _geo: at,
            updatedAt: Date.UTC(2027, 0, 1) + i,
          }),
        );
      }
      for (let i = 0; i < 3; i++) docs.push(listingDoc({ organizationId: o, ref: `far${i}`, titleZh: "剑麻绳", _geo: { lat: jinan.lat + i / 100, lng: jinan.lng }, fibers: ["sisal"] }));
      docs.push(listingDoc({ organizationId: o, ref: "nowhere", titleZh: "精梳棉纱", _geo: null }));
      capped = new PostgresSearchEngine(t.db, { drainOnRead: false, maxCandidates });
      await capped.ensureIndexes();
      await capped.upsert("listing", docs);
    });

    /** What ordering every match by distance gives, computed here from the coordinates. */
    function expected(match: (d: ListingDocument) => boolean, at: { lat: number; lng: number }) {
      const located = docs.filter((d) => match(d) && d._geo).sort((a, b) => greatCircleKm(at, a._geo!) - greatCircleKm(at, b._geo!));
      return [...located, ...docs.filter((d) => match(d) && !d._geo)];
    }

    async function run(query: SearchQuery, firstCapM: number | undefined) {
      const p = await plan(t.db, "listing", { ...query, filter: f.and(f.eq("organizationId", o), query.filter) });
      return { ...(await searchOnce(t.db, p, false, maxCandidates, { firstCapM })), knn: p.nearestFirst === null };
    }

    it("reads caps growing from a small one until one holds enough, with the result of ordering every match", async () => {
      for (const at of [qingdao, { lat: 36.3, lng: 120.0 }, { lat: 35.5, lng: 121.2 }]) {
        const want = expected(() => true, at).slice(0, maxCandidates + 1);
        const query: SearchQuery = { near: at, hitsPerPage: 3, facets: ["fibers"] };
        const viaCaps = await run(query, 1000);
        // Without a word PostgreSQL walks its KNN index (earthdistance) instead; PGlite reads caps.
        if (t.kind === "pglite") expect(viaCaps.knn).toBe(false);
        if (viaCaps.knn) expect(viaCaps.caps).toBe(0);
        else expect(viaCaps.caps).toBeGreaterThan(1);
        expect(viaCaps.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(want.slice(0, 3).map((d) => d.ref));
        expect(viaCaps.counts).toMatchObject({ total: maxCandidates, totalCapped: true });
        // Facets over the nearest maxCandidates + 1 matches.
        const fibers: Record<string, number> = {};
        for (const d of want) for (const fb of d.fibers) fibers[fb] = (fibers[fb] ?? 0) + 1;
        expect(viaCaps.counts.facets.fibers).toEqual(fibers);
        // Page 2 comes from the same candidates.
        const page2 = await run({ ...query, page: 2 }, 1000);
        expect(page2.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(want.slice(3, 6).map((d) => d.ref));
        // The same answer as reading every match (a cap as wide as the province holds them all at once).
        const wide = await run(query, 2_000_000);
        expect(wide.caps).toBe(wide.knn ? 0 : 1);
        expect(wide.hits.map((h) => h.distanceMeters)).toEqual(viaCaps.hits.map((h) => h.distanceMeters));
        expect(wide.counts).toEqual(viaCaps.counts);
      }
    });

    it("with a word, keeps to the word's matches, and reads every match when they lie elsewhere", async () => {
      const cotton = await run({ q: "棉纱", near: qingdao, hitsPerPage: 6 }, 1000);
      const want = expected((d) => d.titleZh === "精梳棉纱", qingdao).slice(0, 6);
      expect(cotton.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(want.map((d) => d.ref));
      // 剑麻 lies 300 km away: the first cap finds nothing, so every match is read (three, in order).
      const sisal = await run({ q: "剑麻", near: qingdao }, 1000);
      expect(sisal.caps).toBe(1);
      expect(sisal.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(["far0", "far1", "far2"]);
      expect(sisal.counts.total).toBe(3);
    });

    it("with a word, breaks ties on distance by relevance over every tied match, not only those read first", async () => {
      // Two matches 1 km away, then eight at one point 5 km away (a county's centroid): four name
      // the word in their title, four only in their description, newer and written first. Six candidates are
      // read (maxCandidates + 1): the two nearer, then the four best of the tied by relevance.
      const o2 = randomUUID();
      const near = destination(qingdao.lat, qingdao.lng, 1000, 45);
      const tied = destination(qingdao.lat, qingdao.lng, 5000, 200);
      const more: ListingDocument[] = [
        ...[0, 1].map((i) => listingDoc({ organizationId: o2, ref: `near${i}`, titleZh: "棉纱", _geo: near, updatedAt: Date.UTC(2027, 0, 1) })),
        ...[0, 1, 2, 3].map((i) =>
          listingDoc({ organizationId: o2, ref: `desc${i}`, titleZh: "织造", descriptionZh: "也可代购棉纱", _geo: tied, updatedAt: Date.UTC(2027, 5, 1) + i }),
        ),
        ...[0, 1, 2, 3].map((i) => listingDoc({ organizationId: o2, ref: `title${i}`, titleZh: "精梳棉纱", _geo: tied, updatedAt: Date.UTC(2027, 0, 1) })),
      ];
      await capped.upsert("listing", more);
      const p = await plan(t.db, "listing", { q: "棉纱", near: qingdao, hitsPerPage: 6, filter: f.eq("organizationId", o2) });
      for (const firstCapM of [2000, 2_000_000]) {
        const r = await searchOnce(t.db, p, false, maxCandidates, { firstCapM });
        const refs = r.hits.map((h) => (h.document as ListingDocument).ref!);
        expect(refs.slice(0, 2).sort()).toEqual(["near0", "near1"]);
        expect(refs.slice(2).sort()).toEqual(["title0", "title1", "title2", "title3"]);
        expect(r.hits[2]!.score).toBeGreaterThan(0);
        expect(r.counts).toMatchObject({ total: maxCandidates, totalCapped: true });
      }
    });

    it("samples a query's own matches to size its first cap", async () => {
      const p = await plan(t.db, "listing", { q: "剑麻", filter: f.eq("organizationId", o) });
      const points = await sampleMatches(t.db, p.where, 100);
      expect(points.length).toBe(6);
      for (let i = 0; i < points.length; i += 2) expect(Math.abs(points[i]! - jinan.lat)).toBeLessThan(0.05);
    });

    it("without enough matches anywhere, ends with every match: documents without a point last", async () => {
      const few = await run({ q: "棉纱", near: qingdao, filter: f.in("fibers", ["polyester"]) }, 1000);
      const want = expected((d) => d.titleZh === "精梳棉纱" && d.fibers.includes("polyester"), qingdao);
      expect(want.length).toBeGreaterThan(maxCandidates + 1);
      expect(few.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(want.map((d) => d.ref).slice(0, maxCandidates + 1));
      const all = await run({ near: qingdao, hitsPerPage: 100, filter: f.in("fibers", ["cotton"]) }, 1000);
      expect(all.counts.total).toBe(maxCandidates);
      // Through the engine (sampled radius or every match), the same first page as the caps.
      const viaEngine = await capped.search("listing", { near: qingdao, filter: f.eq("organizationId", o), hitsPerPage: 3 });
      expect(viaEngine.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(expected(() => true, qingdao).slice(0, 3).map((d) => d.ref));
    });
  },
);

describeEachDb(
  "nearest first with a word gathered in its cluster",
  (t) => {
    it("sizes a broad word's first cap from its own matches, not from where documents are dense", async () => {
      const port = { lat: 36.0671, lng: 120.3826 };
      const rng = createRng(5);
      // Nine in ten documents have the word, but none of those within 3 km of the port (written
      // interleaved, so a sample of the table's pages meets both). Enough documents for the
      // samples (a few per cent of the pages) to say something.
      const docs = Array.from({ length: 3000 }, (_, i) =>
        i % 10 === 0
          ? listingDoc({ ref: `k${i}`, titleZh: "针织汗布", fibers: ["polyester"], _geo: destination(port.lat, port.lng, rng.float(100, 3000, 0), rng.float(0, 360, 1)) })
          : listingDoc({ ref: `c${i}`, titleZh: "精梳棉纱", fibers: ["cotton"], _geo: destination(port.lat, port.lng, rng.float(20_000, 40_000, 0), rng.float(0, 360, 1)) }),
      );
      const engine = new PostgresSearchEngine(t.db, { drainOnRead: false, maxCandidates: 5 });
      await engine.upsert("listing", docs);
      await engine.maintain();
      // The same matches as a filter (the planner estimates a token's share well; a word's prefix
      // it often underestimates): sized from all documents, the cap is a few kilometres wide and
      // holds no match; sized from the matches, as a word's always is, 20 or more.
      const { where } = await plan(t.db, "listing", { filter: f.eq("fibers", "cotton") });
      expect(await firstCapRadius(t.db, "listing", where, port, 6, false)).toBeLessThan(5_000);
      expect(await firstCapRadius(t.db, "listing", where, port, 6, true)).toBeGreaterThanOrEqual(20_000);
      const r = await engine.search("listing", { q: "棉纱", near: port, hitsPerPage: 5 });
      const want = docs
        .filter((d) => d.titleZh === "精梳棉纱")
        .sort((a, b) => greatCircleKm(port, a._geo!) - greatCircleKm(port, b._geo!))
        .slice(0, 5);
      expect(r.hits.map((h) => (h.document as ListingDocument).ref)).toEqual(want.map((d) => d.ref));
      expect(r).toMatchObject({ total: 5, totalCapped: true });
    });
  },
  { fresh: true },
);
