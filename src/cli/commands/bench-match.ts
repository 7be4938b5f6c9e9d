import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, getTableColumns, getTableName, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { adcodeCentre } from "@/domain/matching/geo";
import { rankListings, toMatchDemand } from "@/domain/matching/match";
import type { CandidateCertificate, CandidateListing, DemandJson, MatchDemand } from "@/domain/matching/types";
import { openDatabase } from "@/server/db/open";
import { certifications, listingCertifications, listings, organizations, sites } from "@/server/db/schema";
import type { Db } from "@/server/db/types";
import { matchDemand } from "@/server/services/matching";
import { generateCertificates, type SeedCertificate } from "@/server/services/seed/certificates";
import { generateDemand } from "@/server/services/seed/demands";
import { type SeedFirm } from "@/server/services/seed/firms";
import { generateListing, type SeedListing } from "@/server/services/seed/listings";
import { generateMarket } from "@/server/services/seed/market";
import { createRng, type Rng } from "@/server/services/seed/rng";
import { EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";

/** "Today" of the generated market and of every match, so every run sees the same data. */
const NOW = new Date("2027-01-10T04:00:00Z");
const AS_OF = "2027-01-10";
const TOP = 10;
const TARGET_P95_MS = 50;
const TARGET_RSS_MB = 1024;

// ---------------------------------------------------------------------------------------------
// Market generation: the seed's firms (real clusters, coordinates, certificates) cloned with fresh
// ids, codes and a small jitter until there are enough of them for `n` listings, ~2.5 per firm.

interface BenchMarket {
  firms: SeedFirm[];
  certificates: SeedCertificate[];
  listings: (SeedListing & { ref: string })[];
  listingCertificates: { listingId: string; certificationId: string }[];
}

function usccFrom(rng: Rng): () => string {
  // 18 characters, unique per run; the import path validates USCCs, a direct insert does not.
  let k = 0;
  return () => `91370${String(k++).padStart(8, "0")}${Math.floor(rng() * 1e5).toString(36).toUpperCase().padStart(5, "0")}`.slice(0, 18);
}

export function generateBenchMarket(n: number, seed = 0xbe4c): BenchMarket {
  const base = generateMarket(NOW, []).firms.filter((f) => f.profiles.length > 0);
  const today = AS_OF;
  const rng = createRng(seed);
  const nextUscc = usccFrom(createRng(seed + 1));
  const firmCount = Math.max(1, Math.ceil(n / 2.5));
  const firms: SeedFirm[] = [];
  for (let i = 0; i < firmCount; i++) {
    const b = base[i % base.length]!;
    const round = Math.floor(i / base.length);
    firms.push({
      ...b,
      id: rng.uuid(),
      uscc: nextUscc(),
      nameZh: round === 0 ? b.nameZh : `${b.nameZh}（${round}分厂）`,
      lat: Number((b.lat + (rng() - 0.5) * 0.06).toFixed(5)),
      lng: Number((b.lng + (rng() - 0.5) * 0.06).toFixed(5)),
    });
  }
  const certRng = createRng(seed + 2);
  const certificates = firms.flatMap((f, i) => generateCertificates(certRng, f, i, today));
  const certsByFirm = new Map<number, SeedCertificate[]>();
  for (const c of certificates) certsByFirm.set(c.firm, [...(certsByFirm.get(c.firm) ?? []), c]);

  const listingRng = createRng(seed + 3);
  const used = firms.map(() => new Set<string>());
  const out: BenchMarket["listings"] = [];
  const listingCertificates: BenchMarket["listingCertificates"] = [];
  for (let i = 0; i < n; i++) {
    const fi = i % firmCount;
    const firm = firms[fi]!;
    const k = Math.floor(i / firmCount);
    const key = k < firm.profiles.length ? firm.profiles[k]! : listingRng.chance(0.7) ? firm.profiles[0]! : listingRng.pick(firm.profiles);
    const l = { ...generateListing(listingRng, firm, fi, key, used[fi]!, today), ref: `BM-${String(i).padStart(6, "0")}` };
    out.push(l);
    for (const c of certsByFirm.get(fi) ?? []) if (c.chainLinks.includes(l.chainLink) && listingRng.chance(0.6)) listingCertificates.push({ listingId: l.id, certificationId: c.id });
  }
  return { firms, certificates, listings: out, listingCertificates };
}

async function insertChunked<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * Bulk insert through one JSON parameter per chunk (json_populate_recordset): far faster on PGlite
 * than thousands of bound parameters. Only the keys present are inserted; the rest take defaults.
 */
async function insertJson(db: Db, table: PgTable, rows: Record<string, unknown>[], size = 5000) {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const names = keys.map((k) => columns[k]!.name);
  const list = sql.raw(names.map((n) => `"${n}"`).join(", "));
  const tableName = sql.raw(`"${getTableName(table)}"`);
  await insertChunked(rows, size, (chunk) => {
    const json = JSON.stringify(chunk.map((r) => Object.fromEntries(keys.map((k, i) => [names[i], r[k] instanceof Date ? (r[k] as Date).toISOString() : (r[k] ?? null)]))));
    return db.execute(sql`INSERT INTO ${tableName} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${tableName}, ${json}::json)`);
  });
}

export async function insertBenchMarket(db: Db, m: BenchMarket) {
  const siteRng = createRng(0x517e);
  const siteIds = m.firms.map(() => siteRng.uuid());
  const at = NOW;
  await db.transaction(async (tx) => {
    await insertJson(
      tx,
      organizations,
      m.firms.map((f) => ({
        id: f.id, type: f.type, nameZh: f.nameZh, nameEn: f.nameEn, uscc: f.uscc, cityAdcode: f.city, countyAdcode: f.county, address: f.address,
        lat: f.lat, lng: f.lng, smeLevel: f.smeLevel, smeLevelValidUntil: f.smeLevelValidUntil, description: f.description, contactName: f.contactName,
        contactPhone: f.contactPhone, verificationState: f.verificationState, verifiedAt: f.verificationState === "verified" ? at : null,
      })),
    );
    await insertJson(tx, sites, m.firms.map((f, i) => ({ id: siteIds[i]!, organizationId: f.id, address: f.address || null, cityAdcode: f.city, countyAdcode: f.county, lat: f.lat, lng: f.lng })));
    await insertJson(
      tx,
      certifications,
      m.certificates.map((c) => ({
        id: c.id, organizationId: m.firms[c.firm]!.id, schemeId: c.schemeId, number: c.number, validFrom: c.validFrom, validTo: c.validTo,
        verificationState: c.verificationState, verifiedAt: c.verificationState === "pending" ? null : at, verificationNote: c.verificationNote,
      })),
    );
    await insertJson(tx, listings, m.listings.map(({ firm, createdDaysAgo: _d, ...l }) => ({ ...l, organizationId: m.firms[firm]!.id, siteId: siteIds[firm]! })));
    await insertJson(tx, listingCertifications, m.listingCertificates, 20_000);
  });
}

// ---------------------------------------------------------------------------------------------
// Demands: what buyers post (the seed's needs), half structured Demand JSON, half text only.

export function generateBenchDemands(count: number, firms: SeedFirm[], seed = 0xde3b): DemandJson[] {
  const rng = createRng(seed);
  const out: DemandJson[] = [];
  for (let i = 0; i < count; i++) {
    const fi = rng.int(0, firms.length - 1);
    const d = generateDemand(rng, firms[fi]!, fi, AS_OF, "open");
    if (i % 2 === 0) {
      out.push({
        chainLink: d.chainLink, processes: d.processes, products: d.products, fibers: d.fibers, text: `${d.title}，${d.text}`,
        quantity: { value: d.quantityValue, unit: d.quantityUnit }, needBy: d.needBy, deliverTo: { lat: d.deliverLat, lng: d.deliverLng },
        requiredCertifications: d.requiredCertifications, spec: { yarnCountNe: d.yarnCountNe, gsm: d.gsm, widthCm: d.widthCm }, maxDistanceKm: d.maxDistanceKm,
      });
    } else if (i % 4 === 1) {
      out.push({ text: d.title });
    } else {
      out.push({ text: `${d.title}，${d.text}`, needBy: d.needBy, deliverTo: { cityAdcode: d.deliverCityAdcode } });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: a sequential ILIKE scan of whole rows (title/description against the demand's
// words, plus the chain link), every certificate fetched, each constraint checked in JavaScript by
// the same domain functions (rankListings).

export async function naiveCandidates(db: Db, d: MatchDemand): Promise<CandidateListing[]> {
  const conds: SQL[] = [eq(listings.status, "published")];
  if (d.chainLink) conds.push(eq(listings.chainLink, d.chainLink));
  const terms = [...new Set(d.terms)].slice(0, 8);
  if (terms.length > 0) {
    const likes = terms.flatMap((t) => {
      const p = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return [sql`${listings.title} ILIKE ${p}`, sql`${listings.description} ILIKE ${p}`];
    });
    conds.push(or(...likes)!);
  }
  const rows = await db
    .select({ l: listings, o: organizations, s: sites })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(and(...conds));
  const certs = new Map<string, CandidateCertificate[]>();
  for (let i = 0; i < rows.length; i += 5000) {
    const ids = rows.slice(i, i + 5000).map((r) => r.l.id);
    const cs = await db
      .select({ listingId: listingCertifications.listingId, schemeId: certifications.schemeId, validFrom: certifications.validFrom, validTo: certifications.validTo, verificationState: certifications.verificationState })
      .from(listingCertifications)
      .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
      .where(inArray(listingCertifications.listingId, ids));
    for (const { listingId, ...c } of cs) certs.set(listingId, [...(certs.get(listingId) ?? []), c]);
  }
  return rows.map(({ l, o, s }) => {
    const own = s?.lat != null && s.lng != null ? { lat: s.lat, lng: s.lng } : o.lat != null && o.lng != null ? { lat: o.lat, lng: o.lng } : adcodeCentre(s?.countyAdcode ?? o.countyAdcode ?? s?.cityAdcode ?? o.cityAdcode ?? "");
    return {
      id: l.id, ref: l.ref, kind: l.kind, chainLink: l.chainLink, processes: l.processes, products: l.products, fibers: l.fibers, title: l.title, description: l.description,
      capacityValue: l.capacityValue, capacityUnit: l.capacityUnit, moqValue: l.moqValue, moqUnit: l.moqUnit, leadTimeDays: l.leadTimeDays,
      yarnCountNeMin: l.yarnCountNeMin, yarnCountNeMax: l.yarnCountNeMax, gsmMin: l.gsmMin, gsmMax: l.gsmMax, widthCmMax: l.widthCmMax,
      availableFrom: l.availableFrom, availableTo: l.availableTo, lat: own?.lat ?? null, lng: own?.lng ?? null,
      cityAdcode: s?.cityAdcode ?? o.cityAdcode, countyAdcode: s?.countyAdcode ?? o.countyAdcode,
      company: { id: o.id, name: o.nameZh, cityAdcode: o.cityAdcode, verified: o.verificationState === "verified", type: o.type, smeLevel: o.smeLevel },
      certificates: certs.get(l.id) ?? [],
    };
  });
}

async function naiveMatch(db: Db, d: MatchDemand) {
  const candidates = await naiveCandidates(db, d);
  return { candidates: candidates.length, result: rankListings(d, candidates, AS_OF, TOP) };
}

// ---------------------------------------------------------------------------------------------
// Measurement.

export interface EngineFigures {
  bench: "match";
  engine: "matcher" | "naive-ilike";
  listings: number;
  demands: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  matchesPerSecond: number;
  /** Share of the matcher's wall time spent inside the database client (SQL + row transfer). */
  sqlShare: number;
  /** Share spent reading the demand (toMatchDemand: jieba, taxonomy). */
  understandShare: number;
  /** Rows the database returned per match (candidates + their certificates). */
  meanRowsLoaded: number;
  meanResults: number;
  demandsWithResults: number;
  peakRssMb: number;
  maxRssMb: number;
  targetP95Ms: number;
  targetRssMb: number;
  meetsTarget: boolean;
}

const round = (x: number, d = 1) => Number(x.toFixed(d));
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Time and rows inside the database client's `query`, accumulated (the SQL share of a match). */
interface Probe {
  sqlMs: number;
  rows: number;
  queries: number;
  reset: () => void;
}
function instrument(db: Db): Probe {
  const client = (db as unknown as { $client?: { query?: (...a: unknown[]) => Promise<unknown> } }).$client;
  const probe: Probe = { sqlMs: 0, rows: 0, queries: 0, reset: () => Object.assign(probe, { sqlMs: 0, rows: 0, queries: 0 }) };
  if (client?.query) {
    const original = client.query.bind(client);
    client.query = async (...a: unknown[]) => {
      const t = performance.now();
      try {
        const r = await original(...a);
        const rows = (r as { rows?: unknown[] }).rows;
        probe.rows += Array.isArray(rows) ? rows.length : 0;
        return r;
      } finally {
        probe.sqlMs += performance.now() - t;
        probe.queries++;
      }
    };
  }
  return probe;
}

interface Sample {
  demand: number;
  ms: number;
  sqlMs: number;
  understandMs: number;
  rows: number;
  results: number;
}

async function measure(
  engine: EngineFigures["engine"],
  size: number,
  demands: DemandJson[],
  run: (d: DemandJson) => Promise<{ results: number; understandMs: number }>,
  probe: Probe,
): Promise<{ figures: EngineFigures; samples: Sample[] }> {
  for (const d of demands.slice(0, 5)) await run(d); // warm caches and the JIT
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const samples: Sample[] = [];
  const start = performance.now();
  try {
    for (const [i, d] of demands.entries()) {
      probe.reset();
      const t = performance.now();
      const r = await run(d);
      samples.push({ demand: i, ms: performance.now() - t, sqlMs: probe.sqlMs, understandMs: r.understandMs, rows: probe.rows, results: r.results });
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(sampler);
  }
  const wall = performance.now() - start;
  const sorted = samples.map((x) => x.ms).sort((x, y) => x - y);
  const sum = (f: (x: Sample) => number) => samples.reduce((acc, x) => acc + f(x), 0);
  const p95 = percentile(sorted, 95);
  const peakRssMb = peak / 2 ** 20;
  const figures: EngineFigures = {
    bench: "match",
    engine,
    listings: size,
    demands: demands.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(p95),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(wall / demands.length),
    matchesPerSecond: round((demands.length * 1000) / wall),
    sqlShare: round(sum((x) => x.sqlMs) / wall, 2),
    understandShare: round(sum((x) => x.understandMs) / wall, 2),
    meanRowsLoaded: Math.round(sum((x) => x.rows) / demands.length),
    meanResults: round(sum((x) => x.results) / demands.length),
    demandsWithResults: samples.filter((x) => x.results > 0).length,
    peakRssMb: round(peakRssMb, 0),
    maxRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    targetP95Ms: TARGET_P95_MS,
    targetRssMb: TARGET_RSS_MB,
    meetsTarget: p95 < TARGET_P95_MS && peakRssMb < TARGET_RSS_MB,
  };
  return { figures, samples };
}

function parseSizes(v: unknown): number[] {
  const raw = typeof v === "string" ? v : "10000,100000";
  const sizes = raw.split(",").map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 1_000_000)) throw new UsageError("--sizes needs whole numbers from 1 to 1000000, comma-separated");
  return sizes;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/**
 * `fanglian bench match [--sizes 10000,100000] [--demands 240] [--json]`: for each size, generates a
 * deterministic market of that many listings into a fresh embedded database, runs the demands
 * in-process through the matcher and through a naive ILIKE scan, and prints p50/p95/p99 latency,
 * matches per second and peak RSS next to the targets.
 */
export async function benchMatchCommand(args: ParsedArgs, out: Output): Promise<number> {
  const sizes = parseSizes(args.flags.sizes);
  const demandCount = Number(args.flags.demands ?? 240);
  if (!Number.isInteger(demandCount) || demandCount < 1 || demandCount > 100_000) throw new UsageError("--demands needs a whole number from 1 to 100000");
  const profile = args.flags.profile === true;
  const naiveLimit = Number(args.flags["naive-demands"] ?? 60);
  if (!Number.isInteger(naiveLimit) || naiveLimit < 1) throw new UsageError("--naive-demands needs a whole number of at least 1");

  const header =
    `${"engine".padEnd(12)}${pad("listings", 9)}${pad("n", 5)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}${pad("match/s", 9)}${pad("sql%", 6)}${pad("read%", 6)}` +
    `${pad("rows", 7)}${pad("hits", 6)}${pad("RSS MB", 8)}  target p95 < ${TARGET_P95_MS} ms, RSS < ${TARGET_RSS_MB} MB`;
  if (!out.json) out.result({}, header);
  for (const size of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-bench-match-"));
    const pgliteDir = path.join(dir, "pglite");
    let handle = await openDatabase({ pgliteDir });
    try {
      let t = performance.now();
      let market: BenchMarket | null = generateBenchMarket(size);
      const genSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      await insertBenchMarket(handle.db, market);
      await handle.db.execute(sql`ANALYZE`);
      const loadSeconds = (performance.now() - t) / 1000;
      const counts = { firms: market.firms.length, certificates: market.certificates.length, listingCertificates: market.listingCertificates.length };
      const demands = generateBenchDemands(demandCount, market.firms);
      // Reopen, and drop the generated rows, so RSS is that of a process serving matches, not of
      // the bulk load (PGlite's WebAssembly memory grows during the load and never shrinks).
      market = null;
      await handle.close();
      (globalThis as { gc?: () => void }).gc?.();
      handle = await openDatabase({ pgliteDir });
      out.log(
        `bench match: ${size} listings (${counts.firms} firms, ${counts.certificates} certificates, ${counts.listingCertificates} listing certificates) ` +
          `generated in ${genSeconds.toFixed(1)} s, loaded in ${loadSeconds.toFixed(1)} s; running ${demandCount} demands…`,
      );
      const probe = instrument(handle.db);
      const read = (d: DemandJson) => {
        const t0 = performance.now();
        const demand = toMatchDemand(d, { asOf: AS_OF });
        return { demand, understandMs: performance.now() - t0 };
      };
      // matchDemandJson = toMatchDemand + matchDemand; split here only to time the reading.
      const matcher = await measure("matcher", size, demands, async (d) => {
        const { demand, understandMs } = read(d);
        return { results: (await matchDemand(handle.db, demand, AS_OF, TOP)).results.length, understandMs };
      }, probe);
      const row = (f: EngineFigures) =>
        out.result(
          f as unknown as Record<string, unknown>,
          `${f.engine.padEnd(12)}${pad(f.listings, 9)}${pad(f.demands, 5)}${pad(f.p50Ms, 8)}${pad(f.p95Ms, 8)}${pad(f.p99Ms, 8)}${pad(f.matchesPerSecond, 9)}${pad(Math.round(f.sqlShare * 100), 6)}` +
            `${pad(Math.round(f.understandShare * 100), 6)}${pad(f.meanRowsLoaded, 7)}${pad(f.meanResults, 6)}${pad(f.peakRssMb, 8)}  ${f.engine === "matcher" ? (f.meetsTarget ? "met" : "MISSED") : "(baseline)"}`,
        );
      row(matcher.figures);
      if (profile) {
        const slow = [...matcher.samples].sort((x, y) => y.ms - x.ms).slice(0, 8);
        for (const x of slow) {
          const d = demands[x.demand]!;
          out.log(
            `  slow #${x.demand}: ${x.ms.toFixed(1)} ms = sql ${x.sqlMs.toFixed(1)} + read ${x.understandMs.toFixed(1)} + map/domain ${(x.ms - x.sqlMs - x.understandMs).toFixed(1)}; ` +
              `${x.rows} rows loaded, ${x.results} hits; ${JSON.stringify(d.chainLink ? { chainLink: d.chainLink, processes: d.processes } : { text: d.text })}`,
          );
        }
      }
      // The naive scan is slow by design: above 20,000 listings it runs the first `--naive-demands`
      // (the same mix of structured and text-only demands) so the whole run stays within minutes.
      const naiveCount = Math.min(demands.length, size > 20_000 ? naiveLimit : demands.length);
      const naiveDemands = demands.slice(0, naiveCount);
      const naive = await measure("naive-ilike", size, naiveDemands, async (d) => {
        const { demand, understandMs } = read(d);
        return { results: (await naiveMatch(handle.db, demand)).result.results.length, understandMs };
      }, probe);
      row(naive.figures);
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!out.json)
    out.result(
      {},
      `${demandCount} demands per size for the matcher (half structured, half text only; n = demands run, the naive scan runs the first ${naiveLimit} above 20,000 listings), top ${TOP}, as of ${AS_OF}. sql% = time inside the database client, read% = reading the demand (toMatchDemand), ` +
        `rows = rows returned by the database per match, hits = results per match, RSS = peak sampled during the run (PGlite alone takes ~650 MB).`,
    );
  return EXIT_OK;
}
