#!/usr/bin/env node
// `npm run eval [-- EVALDIR] [--min-ndcg 0.9]`: scores the matcher on a labelled set (default
// eval/dev, the project's copy of ../shared/eval-dev) exactly like the shared score.py: imports the
// catalog into a fresh embedded database through the CLI, matches every demand with
// `match FILES… --as-of DATE --top 10 --json`, and prints NDCG@10, P@5 and the hard-constraint
// violations returned. Exits 1 when NDCG@10 is under the floor or any violation is returned.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const minAt = argv.indexOf("--min-ndcg");
const minNdcg = minAt >= 0 ? Number(argv[minAt + 1]) : 0.9;
const positionals = argv.filter((a, i) => !a.startsWith("--") && !(minAt >= 0 && i === minAt + 1));
const evalDir = path.resolve(positionals[0] ?? path.join(root, "eval/dev"));

const meta = JSON.parse(fs.readFileSync(path.join(evalDir, "labels.json"), "utf8"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eval-pglite-"));
const env = { ...process.env, PGLITE_DIR: path.join(tmp, "pglite") };
delete env.DATABASE_URL;
delete env.MEILI_URL;

function cli(...args) {
  const p = spawnSync(process.execPath, [path.join(root, "bin/fanglian.mjs"), ...args], { env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: 900_000 });
  if (p.status !== 0) {
    console.log(p.stdout?.slice(-2000), p.stderr?.slice(-2000));
    console.log(`cli ${args[0]} failed (exit ${p.status})`);
    cleanup();
    process.exit(1);
  }
  return p.stdout;
}
function cleanup() {
  fs.rmSync(tmp, { recursive: true, force: true });
}

cli("import", path.join(evalDir, "catalog.csv"));
const files = fs
  .readdirSync(path.join(evalDir, "demands"))
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => path.join(evalDir, "demands", f));
const out = cli("match", ...files, "--as-of", meta.asOf, "--top", "10", "--json");
cleanup();
const lines = out.split("\n").filter((l) => l.trim().startsWith("{"));
if (lines.length !== files.length) {
  console.log(out.slice(-3000));
  console.log(`expected ${files.length} JSON result lines, got ${lines.length}`);
  process.exit(1);
}

const log2 = Math.log2;
const ndcgs = [];
const p5s = [];
let violations = 0;
const rows = [];
files.forEach((f, i) => {
  const id = path.basename(f).slice(0, -5);
  const refs = JSON.parse(lines[i]).results.map((r) => r.ref).slice(0, 10);
  const lab = meta.labels[id] ?? {};
  const bad = new Set(meta.violations[id] ?? []);
  const gains = refs.map((r) => 2 ** (lab[r] ?? 0) - 1);
  const dcg = gains.reduce((s, g, k) => s + g / log2(k + 2), 0);
  const ideal = Object.values(lab)
    .map((g) => 2 ** g - 1)
    .sort((a, b) => b - a)
    .slice(0, 10);
  const idcg = ideal.reduce((s, g, k) => s + g / log2(k + 2), 0);
  const n = idcg ? dcg / idcg : 0;
  const v = refs.filter((r) => bad.has(r)).length;
  ndcgs.push(n);
  p5s.push(refs.slice(0, 5).filter((r) => (lab[r] ?? 0) >= 2).length / 5);
  violations += v;
  rows.push(`${id} ndcg@10=${n.toFixed(3)} p@5=${p5s.at(-1).toFixed(2)} returned=${refs.length} violations=${v}`);
});
console.log(rows.join("\n"));
const mean = ndcgs.reduce((a, b) => a + b, 0) / ndcgs.length;
const p5 = p5s.reduce((a, b) => a + b, 0) / p5s.length;
console.log(`NDCG@10 ${mean.toFixed(3)}  P@5 ${p5.toFixed(3)}  hard-constraint violations ${violations} over ${files.length} demands`);
process.exit(mean >= minNdcg && violations === 0 ? 0 : 1);
