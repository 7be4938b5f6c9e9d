import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeMeili, type FakeMeili } from "./testing/fake-meili";

const bin = path.resolve(__dirname, "../../../bin/fanglian.mjs");
// Asynchronous: the fake server answers from this process while the CLI runs.
function run(args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

// Each test spawns the CLI (a fresh Node + tsx + PGlite) several times: minutes, not seconds, on a loaded 2-core machine.
describe("fanglian reindex", { timeout: 180_000 }, () => {
  let fake: FakeMeili;
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-reindex-")), "pglite");
  beforeAll(async () => {
    fake = await startFakeMeili();
  });
  afterAll(async () => fake.close());

  it("without MEILI_URL rebuilds the embedded engine's index and exits 0", async () => {
    const r = await run(["reindex", "--json"], { PGLITE_DIR: dir, MEILI_URL: "" });
    expect(r.stderr).not.toContain("internal error");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { command: "reindex", engine: "embedded", entity: "listing", index: "search_documents", documents: 0 },
      { command: "reindex", engine: "embedded", entity: "demand", index: "search_documents", documents: 0 },
    ]);
  });

  it("with MEILI_URL builds fresh indexes, swaps them in and drops the old ones", async () => {
    const r = await run(["reindex", "--json"], { PGLITE_DIR: dir, MEILI_URL: fake.url, MEILI_MASTER_KEY: "k" });
    expect(r.stderr).not.toContain("internal error");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { command: "reindex", engine: "meilisearch", entity: "listing", index: "fanglian_listings", documents: 0 },
      { command: "reindex", engine: "meilisearch", entity: "demand", index: "fanglian_demands", documents: 0 },
    ]);
    expect([...fake.indexes.keys()].sort()).toEqual(["fanglian_demands", "fanglian_listings"]);
    expect(fake.requests.filter((q) => q.path === "/swap-indexes")).toHaveLength(2);
  });
});
