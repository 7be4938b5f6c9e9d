import fs from "node:fs";
import path from "node:path";
import { ImportRefusal } from "@/domain/import";
import { analyseListingsFile, importListingsFile } from "@/server/services/imports";
import { analyseOshFile, importOshFile } from "@/server/services/onboarding-import";
import { withDatabase } from "../db";
import { EXIT_OK, EXIT_USAGE, UsageError, type Output, type ParsedArgs } from "../io";

/**
 * `fanglian import FILE [--format listings|osh] [--json]`: imports a Listings CSV/XLSX as the
 * platform (`ref_owner` = `platform`), or an Open Supply Hub facility list as organisations
 * deduplicated by entity resolution (formats §2 report). Exit 0 when processed (even with rejected
 * rows), 2 when the file is refused whole or the usage is wrong.
 */
export async function importCommand(args: ParsedArgs, out: Output): Promise<number> {
  const format = (args.flags.format as string | undefined) ?? "listings";
  if (format !== "listings" && format !== "osh") throw new UsageError(`unknown format "${format}" (use listings or osh)`);
  const [file, ...extra] = args.positionals;
  if (!file) throw new UsageError("import needs a FILE");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);

  const refuse = (message: string) => {
    out.log(`fanglian: ${file}: ${message}`);
    if (out.json) out.result({ error: "refused", message }, "");
    return EXIT_USAGE;
  };
  let bytes: Uint8Array;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return refuse("not a file");
    if (stat.size > 50 * 1024 * 1024) return refuse("The file is larger than 50 MB");
    bytes = new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    return refuse(`cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }

  if (format === "osh") return importOsh(file, bytes, out, refuse);

  // A file refused whole is refused before the database is opened.
  let analysed: Awaited<ReturnType<typeof analyseListingsFile>>;
  try {
    analysed = await analyseListingsFile(bytes);
  } catch (e) {
    if (e instanceof ImportRefusal) return refuse(e.message);
    throw e;
  }

  return withDatabase(async ({ db }) => {
    const started = Date.now();
    const report = await importListingsFile(db, {
      bytes,
      analysed,
      fileName: path.basename(file),
      account: { kind: "platform" },
      onProgress: (done, total) => out.log(`${done}/${total} rows written`),
    });
    const seconds = (Date.now() - started) / 1000;
    const errors = report.errors.map((e) => ({ line: e.line, column: e.column, message: e.message }));
    const warnings = report.warnings.map((w) => ({ line: w.line, column: w.column, message: w.message }));
    const human = [
      `${file} (${report.encoding}, ${report.totalRows} rows, ${seconds.toFixed(1)} s): ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
      ...errors.map((e) => `  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}`),
      ...warnings.map((w) => `  warning: line ${w.line}${w.column ? `, ${w.column}` : ""}: ${w.message}`),
    ].join("\n");
    out.result({ created: report.created, updated: report.updated, unchanged: report.unchanged, rejected: report.rejected, errors, warnings }, human);
    return EXIT_OK;
  });
}

/** An Open Supply Hub list as the platform: the §2 report on stdout, one line per row needing attention in text mode. */
async function importOsh(file: string, bytes: Uint8Array, out: Output, refuse: (message: string) => number): Promise<number> {
  let analysed: ReturnType<typeof analyseOshFile>;
  try {
    analysed = analyseOshFile(bytes);
  } catch (e) {
    if (e instanceof ImportRefusal) return refuse(e.message);
    throw e;
  }
  return withDatabase(async ({ db }) => {
    const started = Date.now();
    const { report, encoding, totalRows } = await importOshFile(db, { analysed, fileName: path.basename(file), account: { kind: "platform" } });
    const seconds = (Date.now() - started) / 1000;
    const notable = report.rows.filter((r) => r.outcome === "review" || r.outcome === "rejected" || r.flags.length > 0);
    const human = [
      `${file} (${encoding}, ${totalRows} rows, ${seconds.toFixed(1)} s): ${report.created} created, ${report.merged} merged, ${report.review} for review, ${report.unchanged} unchanged, ${report.rejected} rejected, ${report.flagged} flagged`,
      ...notable.map((r) => `  line ${r.line} ${r.name}: ${r.outcome}${r.flags.length > 0 ? ` [${r.flags.join(", ")}]` : ""} — ${r.reason}`),
    ].join("\n");
    out.result({ ...report }, human);
    return EXIT_OK;
  });
}
