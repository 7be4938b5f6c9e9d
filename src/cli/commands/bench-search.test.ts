import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { searchInputSchema } from "@/domain/schemas/search";
import { generateSearchQueries, QUERY_CLASSES } from "./bench-search";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");

describe("bench search", () => {
  it("generates a deterministic mix of valid queries in every class", () => {
    const a = generateSearchQueries(240);
    expect(a).toEqual(generateSearchQueries(240));
    expect(a).toHaveLength(240);
    for (const cls of QUERY_CLASSES) expect(a.filter((q) => q.cls === cls)).toHaveLength(30);
    for (const q of a) expect(() => searchInputSchema.parse(q.input)).not.toThrow();
    expect(a.some((q) => /\p{Script=Han}/u.test(q.input.q ?? ""))).toBe(true);
    expect(a.some((q) => /^[a-z ]+$/.test(q.input.q ?? "") && q.cls === "en")).toBe(true);
    expect(a.filter((q) => q.cls === "empty").every((q) => q.input.q === "")).toBe(true);
    expect(a.filter((q) => q.cls === "filtered").every((q) => Object.keys(q.input.filters ?? {}).length > 0)).toBe(true);
    // Newest first with a word, not only without one.
    expect(a.some((q) => q.cls === "filtered" && q.input.sort === "newest" && q.input.q)).toBe(true);
  });

  it("prints sane figures, one JSON object per size", () => {
    const r = spawnSync(process.execPath, [bin, "bench-search", "--sizes", "300", "--queries", "16", "--shared-buffers", "48MB", "--json"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "", MEILI_URL: "" },
      timeout: 150_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.engine)).toEqual(["embedded"]);
    for (const f of lines) {
      expect(f).toMatchObject({ bench: "search", listings: 300, queries: 16, targetP95Ms: 50, sharedBuffers: "48MB" });
      const n = (k: string) => f[k] as number;
      for (const k of ["p50Ms", "p95Ms", "p99Ms", "meanMs", "queriesPerSecond", "peakRssMb", "meanHits", "indexSeconds", "cpuP50Ms", "cpuP95Ms"]) {
        expect(Number.isFinite(n(k)), k).toBe(true);
        expect(n(k), k).toBeGreaterThanOrEqual(0);
      }
      expect(n("p50Ms")).toBeLessThanOrEqual(n("p95Ms"));
      expect(n("p95Ms")).toBeLessThanOrEqual(n("p99Ms"));
      expect(n("cpuP50Ms")).toBeLessThanOrEqual(n("cpuP95Ms"));
      expect(f.loadAverage).toHaveLength(2);
      expect(Object.keys(f.p95ByClass as object).sort()).toEqual([...QUERY_CLASSES].sort());
      // Realistic queries: some find listings even in a market this small.
      expect(n("queriesWithHits")).toBeGreaterThan(0);
    }
  }, 180_000);

  it("refuses bad arguments", () => {
    const r = spawnSync(process.execPath, [bin, "bench-search", "--queries", "2"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--queries");
  });
});
