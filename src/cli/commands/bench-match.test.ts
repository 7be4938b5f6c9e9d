import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { toMatchDemand } from "@/domain/matching/match";
import { generateBenchDemands, generateBenchMarket } from "./bench-match";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");

describe("bench match", () => {
  it("generates a deterministic, realistic market and a mix of structured and text-only demands", () => {
    const a = generateBenchMarket(300);
    const b = generateBenchMarket(300);
    expect(a.listings.map((l) => [l.id, l.title, l.capacityValue])).toEqual(b.listings.map((l) => [l.id, l.title, l.capacityValue]));
    expect(a.listings).toHaveLength(300);
    expect(new Set(a.listings.map((l) => l.ref)).size).toBe(300);
    expect(new Set(a.listings.map((l) => l.chainLink)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(a.firms.map((f) => f.uscc)).size).toBe(a.firms.length);
    for (const f of a.firms) {
      expect(f.lat).toBeGreaterThan(34);
      expect(f.lat).toBeLessThan(38.5);
      expect(f.lng).toBeGreaterThan(114.5);
      expect(f.lng).toBeLessThan(123);
    }
    expect(a.listings.some((l) => l.kind === "capacity" && l.availableFrom && l.availableTo)).toBe(true);
    expect(a.listingCertificates.length).toBeGreaterThan(0);

    const demands = generateBenchDemands(8, a.firms);
    expect(demands.filter((d) => d.chainLink)).toHaveLength(4);
    expect(demands.filter((d) => !d.chainLink && !d.processes && d.text)).toHaveLength(4);
    for (const d of demands) expect(() => toMatchDemand(d, { asOf: "2027-01-10" })).not.toThrow();
  });

  it("prints sane figures for the matcher and the naive baseline, one JSON object per line", () => {
    const r = spawnSync(process.execPath, [bin, "bench", "match", "--sizes", "300", "--demands", "5", "--json"], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "" },
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.engine)).toEqual(["matcher", "naive-ilike"]);
    for (const f of lines) {
      expect(f).toMatchObject({ bench: "match", listings: 300, demands: 5, targetP95Ms: 50, targetRssMb: 1024 });
      const n = (k: string) => f[k] as number;
      for (const k of ["p50Ms", "p95Ms", "p99Ms", "meanMs", "matchesPerSecond", "peakRssMb", "maxRssMb", "meanRowsLoaded", "meanResults", "sqlShare", "understandShare"]) {
        expect(Number.isFinite(n(k)), k).toBe(true);
        expect(n(k), k).toBeGreaterThanOrEqual(0);
      }
      expect(n("p50Ms")).toBeGreaterThan(0);
      expect(n("p50Ms")).toBeLessThanOrEqual(n("p95Ms"));
      expect(n("p95Ms")).toBeLessThanOrEqual(n("p99Ms"));
      expect(n("matchesPerSecond")).toBeGreaterThan(0);
      expect(n("peakRssMb")).toBeGreaterThan(10);
      expect(n("sqlShare")).toBeLessThanOrEqual(1);
      expect(typeof f.meetsTarget).toBe("boolean");
    }
    // The demands are realistic: the matcher finds suppliers for some of them.
    expect(lines[0]!.demandsWithResults as number).toBeGreaterThan(0);
  }, 150_000);

  it("refuses bad sizes", () => {
    const r = spawnSync(process.execPath, [bin, "bench", "match", "--sizes", "0"], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--sizes");
  });
});
