import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/types";
import type { SearchEntity } from "../engine";
import { rows } from "./sql";

/**
 * Nearest first without a KNN index (PGlite; with a word on PostgreSQL). Ordering every match by
 * distance reads every match: the whole table for the empty query. Instead the search reads the
 * matches inside a cap around the point (read.ts#searchOnce): when the cap holds more than the
 * candidates wanted, the nearest of all matches are among them (anything outside is farther), so
 * the result is the one ordering every match gives. This module only chooses the radius, from a
 * sample of the documents' points and the planner's estimates: a hint, never trusted for the
 * result, so the sample may be minutes old.
 */

/** Fewer matches than this many candidate sets (estimated): reading every match is cheaper than caps. */
const FEW_MATCHES_PER_CANDIDATE = 4;
/** Sample about this many points per candidate wanted (5,000 for 1,000 candidates). */
const SAMPLE_PER_CANDIDATE = 5;
const SAMPLE_TTL_MS = 10 * 60_000;
/** A query without a word matching at least this share of the documents is sized from the documents' sample; any other samples its own matches. */
const BROAD_SHARE = 0.6;
const MATCH_SAMPLE_PERCENT = 2;
/** A first cap expected to hold more than this share of the (sampled) matches: read every match instead. */
const MAX_SAMPLE_SHARE = 0.4;
/** How many more matches than needed the first cap aims for. */
const HEADROOM = 1.25;
export const MAX_CAPS = 3;

/** The planner's estimate of the rows a condition matches (a plan without execution: about a millisecond). */
export async function estimatedRows(db: Db, where: SQL): Promise<number> {
  const found = await rows<{ "QUERY PLAN": unknown }>(db, sql`explain (format json) select 1 from search_documents where ${where}`);
  const raw = found[0]?.["QUERY PLAN"];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan?: { "Plan Rows"?: number } }[] | undefined;
  const n = Number(plan?.[0]?.Plan?.["Plan Rows"]);
  return Number.isFinite(n) ? n : 0;
}

/** How many documents an entity has, as the planner estimates it: asked once a minute per handle (a hint, like the sample). */
const DOCUMENTS_TTL_MS = 60_000;
const documentCounts = new WeakMap<object, Map<SearchEntity, { at: number; n: Promise<number> }>>();

export function documentsOf(db: Db, entity: SearchEntity): Promise<number> {
  let byEntity = documentCounts.get(db);
  if (!byEntity) documentCounts.set(db, (byEntity = new Map()));
  const known = byEntity.get(entity);
  if (known && Date.now() - known.at < DOCUMENTS_TTL_MS) return known.n;
  const n = estimatedRows(db, sql`entity = ${entity}`);
  byEntity.set(entity, { at: Date.now(), n });
  n.catch(() => byEntity.delete(entity));
  return n;
}

interface Sample {
  at: number;
  /** lat, lng pairs. */
  points: Float64Array;
  /** The share of the located documents sampled. */
  rate: number;
  /** The documents of the entity when sampled (the planner's estimate). */
  documents: number;
}

const samples = new WeakMap<object, Map<SearchEntity, Promise<Sample>>>();

async function loadSample(db: Db, entity: SearchEntity, documents: number, wantedPoints: number): Promise<Sample> {
  const percent = Math.min(100, (100 * wantedPoints) / Math.max(1, documents));
  const found =
    percent >= 100
      ? await rows<{ lat: number; lng: number }>(db, sql`select lat, lng from search_documents where entity = ${entity} and lat is not null and lng is not null`)
      : await rows<{ lat: number; lng: number }>(
          db,
          sql`select lat, lng from search_documents tablesample system (${percent}) where entity = ${entity} and lat is not null and lng is not null`,
        );
  return { at: Date.now(), points: pairs(found), rate: percent / 100, documents };
}

function sampleOf(db: Db, entity: SearchEntity, documents: number, wantedPoints: number): Promise<Sample> {
  let byEntity = samples.get(db);
  if (!byEntity) samples.set(db, (byEntity = new Map()));
  const known = byEntity.get(entity);
  const fresh = (s: Sample) => Date.now() - s.at < SAMPLE_TTL_MS && s.documents <= documents * 2 && documents <= s.documents * 2;
  return (known ?? Promise.reject(new Error("none"))).then(
    (s) => (fresh(s) ? s : refresh()),
    () => refresh(),
  );
  function refresh() {
    const p = loadSample(db, entity, documents, wantedPoints);
    byEntity!.set(entity, p);
    p.catch(() => byEntity!.delete(entity));
    return p;
  }
}

const R = 6_371_000;
const rad = Math.PI / 180;

/** Great-circle metres (the same formula as the SQL's distanceSql). */
function metres(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The radius of the first cap to read, or null when reading every match is cheaper (few matches
 * expected, or the sample says the cap would have to hold most of them). A query with a word is
 * always sized from its own matches, however broad: products gather in their clusters (a word in
 * a third of the market may be in a twentieth of the documents near one port), and a cap sized
 * from all documents then falls far short.
 */
export async function firstCapRadius(db: Db, entity: SearchEntity, where: SQL, at: { lat: number; lng: number }, candidates: number, word = false): Promise<number | null> {
  const [matches, documents] = await Promise.all([estimatedRows(db, where), documentsOf(db, entity)]);
  if (matches < FEW_MATCHES_PER_CANDIDATE * candidates || documents <= 0) return null;
  const share = Math.min(1, matches / documents);
  if (share >= BROAD_SHARE && !word) {
    const sample = await sampleOf(db, entity, documents, SAMPLE_PER_CANDIDATE * candidates);
    return radiusFromSample(sample.points, sample.rate, share, at, candidates);
  }
  // A narrower query (a word, a filter) may match far from where documents are densest.
  return radiusFromMatches(db, where, at, candidates, matches);
}

/**
 * The radius from a sample of the query's own matches (from at most MATCH_SAMPLE_PERCENT of the
 * table's pages), for a query that may match far from where documents are densest; null when
 * reading every match is cheaper. `matches` is the planner's estimate (it sizes the sample).
 */
export async function radiusFromMatches(db: Db, where: SQL, at: { lat: number; lng: number }, candidates: number, matches?: number): Promise<number | null> {
  const estimate = matches ?? (await estimatedRows(db, where));
  if (estimate <= 0) return null;
  const percent = Math.min(MATCH_SAMPLE_PERCENT, (100 * SAMPLE_PER_CANDIDATE * candidates) / estimate);
  const points = await sampleMatches(db, where, percent);
  // The sample counts the matches better than the planner does (its word statistics are coarse):
  // few after all, reading every match is cheaper than a cap's box.
  if (points.length / 2 / (percent / 100) < FEW_MATCHES_PER_CANDIDATE * candidates) return null;
  return radiusFromSample(points, percent / 100, 1, at, candidates);
}

/** The lat/lng pairs of the matches on about `percent` of the table's pages (the same pages every time). */
export async function sampleMatches(db: Db, where: SQL, percent: number): Promise<Float64Array> {
  const found = await rows<{ lat: number; lng: number }>(
    db,
    sql`select lat, lng from search_documents tablesample system (${percent}) repeatable (7) where ${where} and lat is not null and lng is not null`,
  );
  return pairs(found);
}

function pairs(found: { lat: number; lng: number }[]): Float64Array {
  const points = new Float64Array(found.length * 2);
  found.forEach((r, i) => {
    points[2 * i] = Number(r.lat);
    points[2 * i + 1] = Number(r.lng);
  });
  return points;
}

/**
 * The radius within which `points` (a sample of the documents' lat/lng pairs at `rate`) say
 * HEADROOM × `candidates` matches lie, if a `share` of the documents match and matches are spread
 * like documents; null when that cap would hold more than MAX_SAMPLE_SHARE of the sample.
 */
export function radiusFromSample(points: Float64Array, rate: number, share: number, at: { lat: number; lng: number }, candidates: number): number | null {
  const n = points.length / 2;
  const k = Math.ceil((HEADROOM * candidates * rate) / Math.max(share, 1e-9));
  if (k >= n * MAX_SAMPLE_SHARE) return null;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = metres(at.lat, at.lng, points[2 * i]!, points[2 * i + 1]!);
  d.sort();
  const radius = Math.max(500, d[k - 1]! * 1.05);
  // Matches clustered at that distance (a product made in one county far away): the cap would hold
  // most of them, and its box most of the documents; reading every match is cheaper.
  let inside = k;
  while (inside < n && d[inside]! <= radius) inside++;
  return inside > n * MAX_SAMPLE_SHARE ? null : radius;
}

/** The next cap after one that held `found` matches of the `candidates` needed: as if matches were spread evenly around the point. */
export function nextCapRadius(radius: number, found: number, candidates: number): number {
  return radius * Math.min(3, Math.max(MIN_CAP_GROWTH, Math.sqrt((HEADROOM * candidates) / Math.max(found, 1))));
}

/** The least a next cap grows by. */
export const MIN_CAP_GROWTH = 1.3;
