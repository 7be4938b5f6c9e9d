import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LISTING_COLUMNS } from "@/domain/import";
import { processesOf, shandongCities } from "@/domain/taxonomy";
import { randomValidUscc } from "@/domain/uscc";
import { openDatabase } from "@/server/db/open";
import { importListingsFile } from "@/server/services/imports";
import { benchMatchCommand } from "./bench-match";
import { benchOshImport } from "./bench-osh";
import { EXIT_OK, UsageError, type Output, type ParsedArgs } from "../io";

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
export function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A Listings CSV of `rows` rows across rows/10 companies, every row valid. */
export function generateListingsCsv(rows: number, seed = 42): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const links: Array<[string, string]> = [
    ["spinning", "吨/月"],
    ["weaving_knitting", "万米/月"],
    ["garment", "件/天"],
    ["home_textiles", "件/月"],
  ];
  const companies = Array.from({ length: Math.max(1, Math.floor(rows / 10)) }, (_, i) => ({
    name: `基准测试纺织${i}有限公司`,
    uscc: randomValidUscc(r),
    city: pick(shandongCities).adcode,
  }));
  const header = LISTING_COLUMNS.join(",");
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const c = companies[i % companies.length]!;
    const [link, unit] = pick(links);
    const procs = processesOf(link).slice(0, 6);
    const values: Record<string, string> = {
      ref: `BENCH-${String(i).padStart(6, "0")}`,
      company_name: c.name,
      company_uscc: c.uscc,
      company_type: "sme",
      city_adcode: c.city,
      address: `工业园区 ${i % 97} 号`,
      kind: i % 5 === 0 ? "capacity" : "capability",
      chain_link: link,
      processes: [pick(procs), pick(procs)].filter((p, j, a) => a.indexOf(p) === j).map((p) => p.id).join("|"),
      title: `基准挂牌 ${i}`,
      description: "自动生成的基准测试数据, 含逗号和\"引号\"",
      capacity_value: String(1 + Math.floor(r() * 1000)),
      capacity_unit: unit,
      lead_time_days: String(Math.floor(r() * 60)),
      certifications: i % 3 === 0 ? "oeko_tex_100@2027-12-31" : "",
      available_from: i % 5 === 0 ? "2027-01-01" : "",
      available_to: i % 5 === 0 ? "2027-03-31" : "",
    };
    lines.push(LISTING_COLUMNS.map((col) => csvCell(values[col] ?? "")).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * `fanglian bench [import] [--rows N]`: imports N generated rows (default 10,000) into a fresh
 * embedded database in a temporary directory and prints rows per second; then imports the same file
 * again, which must leave everything unchanged.
 */
export async function benchCommand(args: ParsedArgs, out: Output): Promise<number> {
  const [what = "import"] = args.positionals;
  if (what === "match") return benchMatchCommand(args, out);
  if (what !== "import") throw new UsageError(`unknown benchmark "${what}" (use import or match)`);
  const rows = Number(args.flags.rows ?? 10_000);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000) throw new UsageError("--rows needs a whole number from 1 to 1000000");
  const format = (args.flags.format as string | undefined) ?? "listings";
  if (format === "osh") return benchOshImport(rows, out);
  if (format !== "listings") throw new UsageError(`unknown format "${format}" (use listings or osh)`);
  const bytes = new TextEncoder().encode(generateListingsCsv(rows));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-bench-"));
  const handle = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
  try {
    let t = performance.now();
    const first = await importListingsFile(handle.db, { bytes, fileName: "bench.csv", account: { kind: "platform" } });
    const firstSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const second = await importListingsFile(handle.db, { bytes, fileName: "bench.csv", account: { kind: "platform" } });
    const secondSeconds = (performance.now() - t) / 1000;
    const result = {
      bench: "import",
      rows,
      bytes: bytes.length,
      seconds: Number(firstSeconds.toFixed(3)),
      rowsPerSecond: Math.round(rows / firstSeconds),
      created: first.created,
      rejected: first.rejected,
      reimportSeconds: Number(secondSeconds.toFixed(3)),
      reimportUnchanged: second.unchanged,
    };
    out.result(
      result,
      `import: ${rows} rows in ${firstSeconds.toFixed(2)} s = ${result.rowsPerSecond} rows/s (${first.created} created, ${first.rejected} rejected); ` +
        `again: ${secondSeconds.toFixed(2)} s, ${second.unchanged} unchanged`,
    );
    return EXIT_OK;
  } finally {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
