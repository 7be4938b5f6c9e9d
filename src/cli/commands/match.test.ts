import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");
const evalDir = path.resolve(__dirname, "../../../eval/dev");
const run = (args: string[], pgliteDir: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "" }, timeout: 120_000 });

// Each test spawns the CLI (a fresh Node + tsx + PGlite) several times: minutes, not seconds, on a loaded 2-core machine.
describe("fanglian match", { timeout: 180_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-match-"));
  const dir = path.join(tmp, "pglite");
  const demand = (name: string, body: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof body === "string" ? body : JSON.stringify(body));
    return file;
  };

  it("prints one Match result JSON line per file, in order, honouring --as-of and --top", () => {
    expect(run(["import", path.join(evalDir, "catalog.csv"), "--json"], dir).status).toBe(0);
    const files = ["P01", "P03", "P06"].map((id) => path.join(evalDir, "demands", `${id}.json`));
    const r = run(["match", ...files, "--as-of", "2027-01-10", "--top", "3", "--json"], dir);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    expect(lines).toHaveLength(3);
    const results = lines.map((l) => JSON.parse(l) as { asOf: string; results: Array<Record<string, unknown>> });
    for (const res of results) {
      expect(res.asOf).toBe("2027-01-10");
      expect(res.results.length).toBeGreaterThan(0);
      expect(res.results.length).toBeLessThanOrEqual(3);
      for (const m of res.results) {
        expect(Object.keys(m).sort()).toEqual(["company", "distanceKm", "listingId", "reasons", "ref", "score"]);
        expect(m.ref).toMatch(/^SD01-/);
      }
    }
    // File order: P01 asks for ring-carded cotton yarn, P03 for digital printing.
    const labels = JSON.parse(fs.readFileSync(path.join(evalDir, "labels.json"), "utf8")) as { labels: Record<string, Record<string, number>> };
    expect(labels.labels.P01![results[0]!.results[0]!.ref as string]).toBeGreaterThanOrEqual(2);
    expect(labels.labels.P03![results[1]!.results[0]!.ref as string]).toBeGreaterThanOrEqual(2);
    // Without --json: human text on stdout.
    const human = run(["match", files[0]!, "--as-of", "2027-01-10"], dir);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain("P01.json");
  }, 240_000);

  it("refuses unreadable or invalid files and bad usage with exit 2", () => {
    const good = path.join(evalDir, "demands", "P01.json");
    const cases: string[][] = [
      ["match"],
      ["match", good, "--as-of", "2027-13-01"],
      ["match", good, "--top", "0"],
      ["match", good, path.join(tmp, "missing.json")],
      ["match", demand("bad.json", "{not json")],
      ["match", demand("empty.json", {})],
      ["match", demand("unit.json", { chainLink: "spinning", quantity: { value: 1, unit: "furlongs" } })],
    ];
    for (const args of cases) {
      const r = run([...args, "--json"], dir);
      expect(r.status, args.join(" ")).toBe(2);
      for (const line of r.stdout.split("\n").filter((l) => l !== "")) expect(() => JSON.parse(line)).not.toThrow();
    }
  }, 240_000);
});
