import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SearchInput } from "@/domain/schemas/search";
import { MEMORY_SIZE } from "@/env";
import { certificationIds, chainLinkIds, fibers, processes, products, shandongCities } from "@/domain/taxonomy";
import { openDatabase } from "@/server/db/open";
import type { Db } from "@/server/db/types";
import { allDocuments, type ListingDocument } from "@/server/search/documents";
import { PostgresSearchEngine } from "@/server/search/postgres";
import { MAX_CANDIDATES } from "@/server/search/postgres/read";
import { searchMarket } from "@/server/services/search";
import { createRng } from "@/server/services/seed/rng";
import { EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";
import { AS_OF, generateBenchMarket, insertBenchMarket, parseSizes, percentile } from "./bench-match";

const TARGET_P95_MS = 50;

// ---------------------------------------------------------------------------------------------
// Queries: what people type into the instant search, in classes of equal size, from the taxonomy's
// names (the generated titles use the same names), deterministic per seed.

export type QueryClass = "zh" | "zh-2" | "en" | "typo" | "prefix" | "filtered" | "empty" | "distance";
export const QUERY_CLASSES: QueryClass[] = ["zh", "zh-2", "en", "typo", "prefix", "filtered", "empty", "distance"];

export interface BenchQuery {
  cls: QueryClass;
  input: SearchInput;
}

const short = (s: string | undefined) => Boolean(s) && s!.length <= 24 && !/[(（/]/.test(s!);

export function generateSearchQueries(count: number, seed = 0x5ea4c): BenchQuery[] {
  const rng = createRng(seed);
  const zh = [...fibers, ...products, ...processes].map((n) => n.zh).filter((s) => short(s) && s.length <= 5);
  const en = [...fibers, ...products, ...processes].map((n) => n.en?.toLowerCase()).filter((s): s is string => short(s) && /^[a-z ]+$/.test(s!));
  const long = en.flatMap((s) => s.split(" ")).filter((w) => w.length >= 6);
  const cities = shandongCities.map((c) => c.adcode);
  const filters = (): SearchInput["filters"] => {
    const pick = rng.int(0, 4);
    if (pick === 0) return { chainLink: [rng.pick(chainLinkIds)] };
    if (pick === 1) return { city: [rng.pick(cities)] };
    if (pick === 2) return { certification: [rng.pick(certificationIds)], verified: true };
    if (pick === 3) return { kind: ["capacity"], chainLink: [rng.pick(chainLinkIds)] };
    return { fiber: [rng.pick(fibers).id] };
  };
  const typo = (w: string) => {
    const i = rng.int(1, w.length - 2);
    return rng.chance(0.5) ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  };
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const cls = QUERY_CLASSES[i % QUERY_CLASSES.length]!;
    let input: SearchInput;
    switch (cls) {
      case "zh":
        input = { entity: "listing", q: rng.pick(zh) };
        break;
      case "zh-2":
        input = { entity: "listing", q: `${rng.pick(zh)} ${rng.pick(zh)}` };
        break;
      case "en":
        input = { entity: "listing", q: rng.pick(en) };
        break;
      case "typo":
        input = { entity: "listing", q: typo(rng.pick(long)) };
        break;
      case "prefix": {
        const w = rng.chance(0.6) ? rng.pick(long) : rng.pick(zh);
        input = { entity: "listing", q: w.slice(0, rng.int(Math.min(2, w.length), Math.max(2, w.length - 1))) };
        break;
      }
      case "filtered":
        // A word refined by a filter, and a third of them by the newest first.
        input = { entity: "listing", q: rng.chance(0.5) ? rng.pick(zh) : rng.pick(en), filters: filters(), ...(rng.chance(1 / 3) ? { sort: "newest" as const } : {}) };
        break;
      case "empty":
        input = { entity: "listing", q: "", filters: rng.chance(0.4) ? {} : filters(), sort: rng.chance(0.5) ? "newest" : "relevance" };
        break;
      case "distance":
        input = { entity: "listing", q: rng.chance(0.3) ? "" : rng.pick(zh), sort: "distance", near: { lat: 36.0671 + rng.float(-1, 1, 3), lng: 120.3826 + rng.float(-2, 0.5, 3) } };
        break;
    }
    out.push({ cls, input });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

export interface SearchFigures {
  bench: "search";
  engine: "embedded";
  listings: number;
  queries: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
  queriesPerSecond: number;
  /** p95 per query class. */
  p95ByClass: Record<string, number>;
  /**
   * The process's CPU time per query (user + system; PGlite runs in the process, so this is the
   * search's own work): what the wall time would be on an idle machine, whatever else shares it.
   */
  cpuP50Ms: number;
  cpuP95Ms: number;
  /** Load average (1 min) at the start and end of the run: the wall times above include waiting for the CPU. */
  loadAverage: [number, number];
  meanHits: number;
  queriesWithHits: number;
  peakRssMb: number;
  targetP95Ms: number;
  meetsTarget: boolean;
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

async function measure(db: Db, engine: PostgresSearchEngine, label: SearchFigures["engine"], size: number, queries: BenchQuery[]): Promise<SearchFigures> {
  for (const q of queries.slice(0, 8)) await searchMarket(db, q.input, { engine }); // warm the JIT and the segmenter
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const samples: { cls: QueryClass; ms: number; cpuMs: number; hits: number; total: number }[] = [];
  const loadBefore = os.loadavg()[0]!;
  const start = performance.now();
  try {
    for (const q of queries) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const r = await searchMarket(db, q.input, { engine });
      const used = process.cpuUsage(cpu);
      samples.push({ cls: q.cls, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, hits: r.hits.length, total: r.total });
    }
  } finally {
    clearInterval(sampler);
  }
  const wall = performance.now() - start;
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  const cpuSorted = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
  const p95ByClass = Object.fromEntries(
    QUERY_CLASSES.map((cls) => [cls, round(percentile(samples.filter((s) => s.cls === cls).map((s) => s.ms).sort((a, b) => a - b), 95))]),
  );
  return {
    bench: "search",
    engine: label,
    listings: size,
    queries: queries.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(p95),
    p99Ms: round(percentile(sorted, 99)),
    meanMs: round(wall / queries.length),
    queriesPerSecond: round((queries.length * 1000) / wall),
    p95ByClass,
    cpuP50Ms: round(percentile(cpuSorted, 50)),
    cpuP95Ms: round(percentile(cpuSorted, 95)),
    loadAverage: [round(loadBefore), round(os.loadavg()[0]!)],
    meanHits: round(samples.reduce((a, s) => a + s.hits, 0) / samples.length),
    queriesWithHits: samples.filter((s) => s.total > 0).length,
    peakRssMb: round(peak / 2 ** 20, 0),
    targetP95Ms: TARGET_P95_MS,
    meetsTarget: p95 < TARGET_P95_MS,
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** Generates and indexes the bench market into a new embedded database, then closes it. */
async function buildMarket(pgliteDir: string, sharedBuffers: string, size: number): Promise<{ loadSeconds: number; indexSeconds: number; indexed: number }> {
  const handle = await openDatabase({ pgliteDir, sharedBuffers });
  try {
    let t = performance.now();
    await insertBenchMarket(handle.db, generateBenchMarket(size));
    const loadSeconds = (performance.now() - t) / 1000;
    const engine = new PostgresSearchEngine(handle.db);
    await engine.ensureIndexes();
    t = performance.now();
    let indexed = 0;
    for await (const batch of allDocuments(handle.db, "listing", AS_OF, 1000)) {
      await engine.upsert("listing", batch as ListingDocument[]);
      indexed += batch.length;
    }
    await engine.maintain();
    return { loadSeconds, indexSeconds: (performance.now() - t) / 1000, indexed };
  } finally {
    await handle.close();
  }
}

/**
 * `fanglian bench-search [--sizes 10000,100000] [--queries 240] [--shared-buffers 512MB] [--json]`: for each size, generates
 * the bench market (bench-match's generator) into a fresh embedded database, indexes every listing
 * through the embedded engine, then runs the queries through the market search service (visibility
 * filter, all facets, highlights) and prints p50/p95/p99 latency, queries per second and peak RSS.
 */
export async function benchSearchCommand(args: ParsedArgs, out: Output): Promise<number> {
  const sizes = parseSizes(args.flags.sizes);
  const count = Number(args.flags.queries ?? 240);
  if (!Number.isInteger(count) || count < 8 || count > 100_000) throw new UsageError("--queries needs a whole number from 8 to 100000");
  const queries = generateSearchQueries(count);
  // The embedded database's buffer cache, as a deployment of this size would set it
  // (PGLITE_SHARED_BUFFERS, docs/embedded-database.md); "128MB" is PGlite's own default.
  const sharedBuffers = String(args.flags["shared-buffers"] ?? "512MB");
  if (!MEMORY_SIZE.test(sharedBuffers)) throw new UsageError("--shared-buffers needs a size such as 512MB");
  const header = `${"engine".padEnd(17)}${pad("listings", 9)}${pad("n", 5)}${pad("p50 ms", 8)}${pad("p95 ms", 8)}${pad("p99 ms", 8)}${pad("q/s", 7)}${pad("hits", 6)}${pad("RSS MB", 8)}  target p95 < ${TARGET_P95_MS} ms`;
  if (!out.json) out.result({}, header);
  for (const size of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-bench-search-"));
    const pgliteDir = path.join(dir, "pglite");
    try {
      const built = await buildMarket(pgliteDir, sharedBuffers, size);
      // The queries run on the database as a server opens it (the import and indexing ran in an
      // earlier process there), not on the connection that just wrote 100,000 rows.
      const handle = await openDatabase({ pgliteDir, sharedBuffers });
      try {
        const engine = new PostgresSearchEngine(handle.db);
        await engine.ensureIndexes();
        const { loadSeconds, indexSeconds, indexed } = built;
        out.log(
          `bench search: ${size} listings loaded in ${loadSeconds.toFixed(1)} s, indexed in ${indexSeconds.toFixed(1)} s (${Math.round(indexed / indexSeconds)} docs/s), shared_buffers ${sharedBuffers}; running ${count} queries…`,
        );
        for (const [label, e] of [["embedded", engine]] as const) {
          const fig = await measure(handle.db, e, label, size, queries);
          out.result(
            { ...fig, indexSeconds: round(indexSeconds), sharedBuffers } as unknown as Record<string, unknown>,
            `${label.padEnd(17)}${pad(fig.listings, 9)}${pad(fig.queries, 5)}${pad(fig.p50Ms, 8)}${pad(fig.p95Ms, 8)}${pad(fig.p99Ms, 8)}${pad(fig.queriesPerSecond, 7)}${pad(fig.meanHits, 6)}${pad(fig.peakRssMb, 8)}  ` +
              `${fig.meetsTarget ? "met" : "MISSED"}  p95 by class: ${Object.entries(fig.p95ByClass).map(([k, v]) => `${k} ${v}`).join(", ")}; ` +
              `CPU per query p50 ${fig.cpuP50Ms} / p95 ${fig.cpuP95Ms} ms; load ${fig.loadAverage.join(" → ")}`,
          );
        }
      } finally {
        await handle.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!out.json)
    out.result(
      {},
      `${count} queries per size (${QUERY_CLASSES.join(", ")}: equal shares), each through the market search service: published listings, 7 facets, highlights, 20 hits. ` +
        `At most ${MAX_CANDIDATES} matches are read per query (totals above read "1,000+", as Meilisearch's maxTotalHits); nearest first reads the matches inside a growing cap around the point (exact; see search/postgres/nearest.ts). RSS = peak sampled during the run.`,
    );
  return EXIT_OK;
}
