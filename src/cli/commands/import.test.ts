import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");
const fixtures = path.resolve(__dirname, "../../domain/import/__fixtures__");
const run = (args: string[], pgliteDir: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "" }, timeout: 90_000 });
const oneJsonLine = (stdout: string) => {
  const lines = stdout.split("\n").filter((l) => l !== "");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
};

// Each test spawns the CLI (a fresh Node + tsx + PGlite) several times: minutes, not seconds, on a loaded 2-core machine.
describe("fanglian import", { timeout: 180_000 }, () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-import-")), "pglite");

  it("imports a Listings CSV, prints one JSON line, and changes nothing the second time", () => {
    const file = path.join(fixtures, "listings-gb18030.csv");
    const first = run(["import", file, "--json"], dir);
    expect(first.status, first.stderr).toBe(0);
    expect(oneJsonLine(first.stdout)).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0, errors: [], warnings: [] });
    const xlsx = run(["import", path.join(fixtures, "listings.xlsx"), "--format", "listings", "--json"], dir);
    expect(oneJsonLine(xlsx.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
  }, 120_000);

  it("reports rejected rows with line, column and message and still exits 0", () => {
    const r = run(["import", path.join(fixtures, "bad-unknown-process.csv"), "--json"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(oneJsonLine(r.stdout)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      errors: [{ line: 3, column: "processes", message: 'Unknown process: "warp_drive"' }],
      warnings: [],
    });
  }, 120_000);

  it("refuses unreadable files, unsupported formats and bad usage with exit code 2", () => {
    for (const name of ["refused-binary.csv", "refused-missing-columns.csv", "refused-empty.csv"]) {
      const r = run(["import", path.join(fixtures, name), "--json"], dir);
      expect(r.status, name).toBe(2);
      expect(oneJsonLine(r.stdout), name).toMatchObject({ error: "refused" });
      expect(r.stderr, name).toContain(name);
    }
    const missing = run(["import", path.join(fixtures, "refused-missing-columns.csv")], dir);
    expect(missing.stderr).toContain("Required columns are missing: city_adcode, chain_link, processes, capacity_value, capacity_unit");
    expect(run(["import", path.join(fixtures, "nope.csv")], dir).status).toBe(2);
    // A Listings CSV is not a facility list: refused whole before the database is touched.
    const osh = run(["import", path.join(fixtures, "listings-utf8.csv"), "--format", "osh", "--json"], dir);
    expect(osh.status).toBe(2);
    expect(oneJsonLine(osh.stdout)).toMatchObject({ error: "refused", message: "Required columns are missing: country, name" });
    const unknown = run(["import", path.join(fixtures, "listings-utf8.csv"), "--format", "xml", "--json"], dir);
    expect(unknown.status).toBe(2);
    expect(oneJsonLine(unknown.stdout)).toMatchObject({ error: "usage", message: 'unknown format "xml" (use listings or osh)' });
    expect(run(["import"], dir).status).toBe(2);
  }, 120_000);

  it("imports an Open Supply Hub list with --format osh: the formats §2 report, and nothing new the second time", () => {
    const list = path.resolve(__dirname, "../../domain/resolution/__fixtures__/opensupplyhub/Spring_2019_Compliance_List.csv");
    const first = run(["import", list, "--format", "osh", "--json"], dir);
    expect(first.status, first.stderr).toBe(0);
    const report = oneJsonLine(first.stdout) as { rows: Array<Record<string, unknown>> } & Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["created", "merged", "review", "unchanged", "rejected", "flagged", "rows"]);
    expect(report).toMatchObject({ merged: 0, review: 0, flagged: 1 });
    expect(report.rows).toContainEqual({ line: 7, name: "Hemp Fortex", outcome: "created", flags: ["coords_outside_province"], reason: "No similar firm: a new organisation" });
    const again = run(["import", list, "--format", "osh", "--json"], dir);
    expect(oneJsonLine(again.stdout)).toMatchObject({ created: 0, merged: 0, review: 0, unchanged: report.created, rejected: report.rejected });
    const human = run(["import", list, "--format", "osh"], dir);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain("0 created, 0 merged, 0 for review");
    expect(human.stdout).toContain("line 7 Hemp Fortex: unchanged [coords_outside_province]");
  }, 120_000);
});
