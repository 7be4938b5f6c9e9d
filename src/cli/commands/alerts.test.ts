import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");
const run = (args: string[], pgliteDir: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "" }, timeout: 120_000 });

describe("fanglian alerts", { timeout: 180_000 }, () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-alerts-")), "pglite");

  it("runs one pass (JSON line, exit 0), refuses bad usage with exit 2 and the threshold is a setting", () => {
    const r = run(["alerts", "--as-of", "2027-01-10", "--json"], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ command: "alerts", demandsChecked: 0, demandNotifications: 0, savedSearchesChecked: 0, savedSearchNotifications: 0, lateDealStages: 0, failures: 0 });
    const human = run(["alerts"], dir);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain("Checked 0 new demands");

    expect(run(["alerts", "--as-of", "2027-02-30"], dir).status).toBe(2);
    expect(run(["alerts", "extra"], dir).status).toBe(2);
    expect(run(["alerts", "--top", "3"], dir).status).toBe(2);

    const set = run(["settings", "set", "alerts.fitThreshold", '{"minScore":0.75}', "--json"], dir);
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout.trim()).value).toEqual({ minScore: 0.75 });
    expect(run(["settings", "set", "alerts.fitThreshold", '{"minScore":2}'], dir).status).toBe(2);
  }, 240_000);
});
