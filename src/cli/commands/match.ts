import fs from "node:fs";
import { chinaToday } from "@/domain/certificates";
import { isIsoDate } from "@/domain/matching/calendar";
import { DemandError, toMatchDemand } from "@/domain/matching/match";
import type { DemandJson, MatchDemand, MatchResult } from "@/domain/matching/types";
import { matchDemand } from "@/server/services/matching";
import { withDatabase } from "../db";
import { EXIT_OK, EXIT_USAGE, UsageError, type Output, type ParsedArgs } from "../io";

/**
 * `fanglian match FILE… [--as-of YYYY-MM-DD] [--top N] [--json]`: one Match result JSON (formats §4)
 * per Demand JSON file, in file order. Every file is read and checked before the database opens: an
 * unreadable or invalid file refuses the whole run (exit 2).
 */
export async function matchCommand(args: ParsedArgs, out: Output): Promise<number> {
  const files = args.positionals;
  if (files.length === 0) throw new UsageError("match needs at least one Demand JSON FILE");
  const asOfFlag = args.flags["as-of"];
  if (asOfFlag !== undefined && !isIsoDate(asOfFlag)) throw new UsageError(`--as-of must be a YYYY-MM-DD date, not "${String(asOfFlag)}"`);
  const asOf = (asOfFlag as string | undefined) ?? chinaToday();
  let top = 10;
  if (args.flags.top !== undefined) {
    const n = Number(args.flags.top);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw new UsageError(`--top must be an integer from 1 to 1000, not "${String(args.flags.top)}"`);
    top = n;
  }

  const refuse = (file: string, message: string) => {
    out.log(`fanglian: ${file}: ${message}`);
    if (out.json) out.result({ error: "refused", file, message }, "");
    return EXIT_USAGE;
  };
  const demands: MatchDemand[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return refuse(file, code ? `cannot read the file (${code})` : `not valid JSON (${(e as Error).message})`);
    }
    try {
      demands.push(toMatchDemand(parsed as DemandJson, { asOf }));
    } catch (e) {
      if (e instanceof DemandError) return refuse(file, e.message);
      throw e;
    }
  }

  return withDatabase(async ({ db }) => {
    for (const [i, demand] of demands.entries()) {
      const result: MatchResult = await matchDemand(db, demand, asOf, top);
      out.result(formatsJson(result), human(files[i]!, result));
    }
    return EXIT_OK;
  });
}

/** Formats §4: each reason is `{ code, ok, detail }` (the structured params are for the screens). */
function formatsJson(r: MatchResult): Record<string, unknown> {
  return { asOf: r.asOf, results: r.results.map((m) => ({ ...m, reasons: m.reasons.map(({ code, ok, detail }) => ({ code, ok, detail })) })) };
}

function human(file: string, r: MatchResult): string {
  const lines = [`${file} (as of ${r.asOf}): ${r.results.length} match${r.results.length === 1 ? "" : "es"}`];
  for (const [i, m] of r.results.entries()) {
    lines.push(`  ${i + 1}. ${m.ref ?? m.listingId}  ${m.company.name}  score ${m.score.toFixed(3)}${m.distanceKm !== null ? `  ${m.distanceKm} km` : ""}`);
    lines.push(`     ${m.reasons.map((x) => `${x.ok ? "✓" : "·"} ${x.code}: ${x.detail}`).join("; ")}`);
  }
  return lines.join("\n");
}
