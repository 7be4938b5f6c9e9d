/**
 * Entity resolution for onboarding facility lists (formats §2). Pure: the import service reads the
 * organisations, calls `resolveOshList`, writes the created and merged records, queues the review
 * rows and reports `importReport(result)`.
 */
import { parseOshList, type OshParseResult } from "./osh";
import { reason, resolveRows, type OrgRecord, type ResolveOptions, type ResolveResult, type RowDecision } from "./resolve";

export * from "./osh";
export * from "./place";
export * from "./resolve";
export { MERGE_THRESHOLD, REVIEW_THRESHOLD, FAR_APART_KM, compare, blockingKeys, type Comparison, type Entity, type ScorePart, type ScoreRule } from "./score";
export { fold, nameKey, normaliseAddress, normaliseName, toSimplified, tradeNameCore, type NormalisedAddress, type NormalisedName } from "./normalise";

/** Resolves a parsed list: its unreadable rows are `rejected` with their first problem, in line order. */
export function resolveOshRows(parsed: OshParseResult, existing: readonly OrgRecord[], options: ResolveOptions): ResolveResult {
  const result = resolveRows(parsed.rows, existing, options);
  const unreadable: RowDecision[] = parsed.rejectedLines.map((line) => {
    const first = parsed.errors.find((e) => e.line === line)!;
    return {
      line,
      name: parsed.rejectedNames[line] ?? "",
      outcome: "rejected",
      flags: [],
      reason: reason(first.code, first.params),
      organizationId: null,
      changes: [],
      candidates: [],
      incoming: null,
      place: null,
    };
  });
  const rows = [...result.rows, ...unreadable].sort((a, b) => a.line - b.line);
  return { ...result, rows, counts: { ...result.counts, rejected: result.counts.rejected + unreadable.length } };
}

/** Reads and resolves a list file in one go. */
export function resolveOshList(bytes: Uint8Array, existing: readonly OrgRecord[], options: ResolveOptions): ResolveResult {
  return resolveOshRows(parseOshList(bytes), existing, options);
}

export interface ImportReport {
  created: number;
  merged: number;
  review: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  rows: Array<{ line: number; name: string; outcome: RowDecision["outcome"]; flags: string[]; reason: string }>;
}

/** The report of formats §2 (`--json` and the UI's summary): counts, and per row its outcome, flags and reason. */
export function importReport(result: ResolveResult): ImportReport {
  return {
    ...result.counts,
    rows: result.rows.map((r) => ({ line: r.line, name: r.name, outcome: r.outcome, flags: [...r.flags], reason: r.reason.message })),
  };
}
