import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { sql } from "drizzle-orm";
import { toMatchDemand } from "@/domain/matching/match";
import type { DemandJson } from "@/domain/matching/types";
import { openDatabase } from "@/server/db/open";
import type { Db } from "@/server/db/types";
import { matchDemand } from "@/server/services/matching";
import { matchingIndexStats } from "@/server/services/matching-index";
import { lastRanking } from "@/server/services/matching-index-rank";
import { EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";
import { AS_OF, generateBenchDemands, generateBenchMarket, insertBenchMarket, naiveMatch, type BenchMarket } from "./bench-match-market";

export { AS_OF, generateBenchDemands, generateBenchMarket, insertBenchMarket, naiveCandidates } from "./bench-match-market";
const TOP = 10;
const TARGET_P95_MS = 50;
const TARGET_RSS_MB = 1024;

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
  /** p95 of the CPU time per match (all threads of the process). */
  cpuP95Ms: number;
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
  /** The matcher's in-process index, built before the run: listings, build time, heap it holds, RSS after. */
  index?: { listings: number; buildMs: number; heapMb: number; rssMb: number };
}

/** A full garbage collection (to measure what the index holds), exposed at run time when node was started without --expose-gc. */
function collectGarbage(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

const round = (x: number, d = 1) => Number(x.toFixed(d));
export function percentile(sorted: number[], p: number): number {
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
  /** CPU time of the process during the match (the machine's other load inflates wall time, much less this). */
  cpuMs: number;
  sqlMs: number;
  understandMs: number;
  rows: number;
  results: number;
  /** The index's work for this match (candidates, kept after the first bound, text searches, exact evaluations). */
  ranking?: typeof lastRanking;
}

async function measure(
  engine: EngineFigures["engine"],
  size: number,
  demands: DemandJson[],
  run: (d: DemandJson) => Promise<{ results: number; understandMs: number; ranking?: typeof lastRanking }>,
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
      const cpu = process.cpuUsage();
      const t = performance.now();
      const r = await run(d);
      const used = process.cpuUsage(cpu);
      samples.push({ demand: i, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, sqlMs: probe.sqlMs, understandMs: r.understandMs, rows: probe.rows, results: r.results, ranking: r.ranking });
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
    cpuP95Ms: round(percentile(samples.map((x) => x.cpuMs).sort((x, y) => x - y), 95)),
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

export function parseSizes(v: unknown): number[] {
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
    `${"engine".padEnd(12)}${pad("listings", 9)}${pad("n", 5)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}${pad("cpu95", 7)}${pad("match/s", 9)}${pad("sql%", 6)}${pad("read%", 6)}` +
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
      const gc = collectGarbage();
      gc();
      handle = await openDatabase({ pgliteDir });
      out.log(
        `bench match: ${size} listings (${counts.firms} firms, ${counts.certificates} certificates, ${counts.listingCertificates} listing certificates) ` +
          `generated in ${genSeconds.toFixed(1)} s, loaded in ${loadSeconds.toFixed(1)} s; running ${demandCount} demands…`,
      );
      // The index is built once per process (the app builds it at its first match); timed apart.
      gc();
      const heapBefore = process.memoryUsage().heapUsed;
      t = performance.now();
      const built = await matchingIndexStats(handle.db);
      const buildMs = performance.now() - t;
      gc();
      const index = { listings: built.listings, buildMs: round(buildMs, 0), heapMb: round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 0), rssMb: round(process.memoryUsage().rss / 2 ** 20, 0) };
      out.log(`bench match: index of ${index.listings} listings built in ${(buildMs / 1000).toFixed(1)} s, holding ${index.heapMb} MB of heap; RSS ${index.rssMb} MB`);
      const probe = instrument(handle.db);
      const read = (d: DemandJson) => {
        const t0 = performance.now();
        const demand = toMatchDemand(d, { asOf: AS_OF });
        return { demand, understandMs: performance.now() - t0 };
      };
      // matchDemandJson = toMatchDemand + matchDemand; split here only to time the reading.
      const matcher = await measure("matcher", size, demands, async (d) => {
        const { demand, understandMs } = read(d);
        return { results: (await matchDemand(handle.db, demand, AS_OF, TOP)).results.length, understandMs, ranking: { ...lastRanking } };
      }, probe);
      const row = (f: EngineFigures) =>
        out.result(
          f as unknown as Record<string, unknown>,
          `${f.engine.padEnd(12)}${pad(f.listings, 9)}${pad(f.demands, 5)}${pad(f.p50Ms, 8)}${pad(f.p95Ms, 8)}${pad(f.p99Ms, 8)}${pad(f.cpuP95Ms, 7)}${pad(f.matchesPerSecond, 9)}${pad(Math.round(f.sqlShare * 100), 6)}` +
            `${pad(Math.round(f.understandShare * 100), 6)}${pad(f.meanRowsLoaded, 7)}${pad(f.meanResults, 6)}${pad(f.peakRssMb, 8)}  ${f.engine === "matcher" ? (f.meetsTarget ? "met" : "MISSED") : "(baseline)"}`,
        );
      matcher.figures.index = index;
      row(matcher.figures);
      if (profile) {
        const slow = [...matcher.samples].sort((x, y) => y.ms - x.ms).slice(0, 8);
        for (const x of slow) {
          const d = demands[x.demand]!;
          out.log(
            `  slow #${x.demand}: ${x.ms.toFixed(1)} ms = sql ${x.sqlMs.toFixed(1)} + read ${x.understandMs.toFixed(1)} + map/domain ${(x.ms - x.sqlMs - x.understandMs).toFixed(1)}; ` +
              `${x.ranking ? `${x.ranking.candidates} candidates, ${x.ranking.kept} bounded, ${x.ranking.refined} text-searched, ${x.ranking.evaluated} evaluated` : `${x.rows} rows loaded`}, ${x.results} hits; ${JSON.stringify(d.chainLink ? { chainLink: d.chainLink, processes: d.processes } : { text: d.text })}`,
          );
        }
      }
      // The naive scan is slow by design: above 20,000 listings it runs the first `--naive-demands`
      // (the same mix of structured and text-only demands) so the whole run stays within minutes.
      const naiveCount = Math.min(demands.length, size > 20_000 ? naiveLimit : demands.length);
      const naiveDemands = demands.slice(0, naiveCount);
      const naive = await measure("naive-ilike", size, naiveDemands, async (d) => {
        const { demand, understandMs } = read(d);
        return { results: (await naiveMatch(handle.db, demand, TOP)).result.results.length, understandMs };
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
      `${demandCount} demands per size for the matcher (half structured, half text only; n = demands run, the naive scan runs the first ${naiveLimit} above 20,000 listings), top ${TOP}, as of ${AS_OF}. cpu95 = p95 of the process's CPU time per match, sql% = time inside the database client, read% = reading the demand (toMatchDemand), ` +
        `rows = rows returned by the database per match (the index's freshness check), hits = results per match, RSS = peak sampled during the run (PGlite alone takes ~650 MB); ` +
        `the index is built before the run and timed apart.`,
    );
  return EXIT_OK;
}
