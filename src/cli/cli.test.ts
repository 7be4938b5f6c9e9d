import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDirectoryLock } from "../server/db/lock";

const bin = path.resolve(__dirname, "../../bin/fanglian.mjs");
const run = (args: string[], pgliteDir: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "" }, timeout: 60_000 });

// Each test spawns the CLI (a fresh Node + tsx + PGlite) several times: minutes, not seconds, on a loaded 2-core machine.
describe("fanglian CLI", { timeout: 180_000 }, () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-cli-")), "pglite");

  it("refuses unknown commands and options with exit code 2", () => {
    const r = run(["frobnicate"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
    expect(run(["seed", "--nope"], dir).status).toBe(2);
  });

  it("stops at once with a clear message when another process holds the embedded database", () => {
    const release = acquireDirectoryLock(dir);
    try {
      const started = Date.now();
      const r = run(["migrate", "--json"], dir);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("is in use by another process");
      expect(JSON.parse(r.stdout.trim())).toMatchObject({ error: "database_locked" });
      expect(Date.now() - started).toBeLessThan(30_000);
    } finally {
      release();
    }
  });

  it("seeds the demo market once, prints only JSON with --json, and changes settings", () => {
    const first = run(["seed", "--json"], dir);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ command: "seed", created: true });
    expect(JSON.parse(run(["seed", "--json"], dir).stdout)).toMatchObject({ created: false });
    const set = run(["settings", "set", "auth.rateLimit", '{"maxFailuresPerAccount":7}', "--json"], dir);
    expect(JSON.parse(set.stdout)).toMatchObject({ value: { maxFailuresPerAccount: 7, maxFailuresPerIp: 50 } });
    expect(run(["settings", "set", "auth.rateLimit", '{"maxFailuresPerAccount":-1}'], dir).status).toBe(2);
    // The seeded market has capacity windows that already ended: the first run archives them, the second finds none.
    const expired = JSON.parse(run(["expire", "--json"], dir).stdout);
    expect(expired.command).toBe("expire");
    expect(expired.listings).toBeGreaterThan(0);
    expect(JSON.parse(run(["expire", "--json"], dir).stdout)).toMatchObject({ listings: 0, demands: 0 });
  });
});
