import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { ImportIssue, SourceEncoding } from "@/domain/import";
import {
  importReport,
  nameKey,
  normaliseAddress,
  parseOshList,
  reason,
  resolveOshRows,
  statedPlace,
  type ImportReport,
  type OshParseResult,
  type Reason,
  type RowDecision,
} from "@/domain/resolution";
import type { Db } from "../db/types";
import { importJobs, importReviewItems, organizations } from "../db/schema";
import { applyMerges, insertImportedOrgs, loadCandidates } from "./onboarding-records";

/**
 * Imports an Open Supply Hub facility list (formats §2) as organisations, deduplicated by entity
 * resolution (src/domain/resolution, docs/entity-resolution.md): read → load the organisations the
 * rows could match (same province; in Shandong the same city) with their aliases → resolve → write
 * created organisations (one site each), merges (aliases, empty fields, their sources; never an
 * owner's field), review items and the import job with its report in ONE transaction.
 *
 * A row a person already decided (review queue) keeps that decision: re-importing a list creates,
 * merges and queues nothing new.
 */

export type OnboardingAccount = { kind: "platform" } | { kind: "centre"; organizationId: string };

export interface OshRowResult {
  line: number;
  name: string;
  outcome: RowDecision["outcome"];
  flags: string[];
  reason: Reason;
  organizationId: string | null;
}

export interface OshImportResult {
  jobId: string;
  encoding: SourceEncoding;
  totalRows: number;
  /** The report of formats §2 (CLI `--json`). */
  report: ImportReport;
  /** The same rows with reason codes and organisations, for the UI. */
  rows: OshRowResult[];
  warnings: ImportIssue[];
}

interface RunInput {
  /** The file, or `analysed`: the file already read by analyseOshFile (the CLI reads it before opening the database). */
  bytes?: Uint8Array;
  fileName?: string | null;
  account: OnboardingAccount;
  userId?: string | null;
  now?: Date;
  analysed?: OshParseResult;
}

/** Reads a list without touching the database. Throws ImportRefusal for a file refused whole. */
export function analyseOshFile(bytes: Uint8Array): OshParseResult {
  return parseOshList(bytes);
}

/** A review row's identity across imports: the same facility row again is the same question. */
export function rowKeyOf(incoming: NonNullable<RowDecision["incoming"]>): string {
  const parts = [nameKey(incoming.name), incoming.provinceAdcode, incoming.cityAdcode ?? "", normaliseAddress(incoming.address ?? "").text, incoming.lat ?? "", incoming.lng ?? ""];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 32);
}

const R = "imports.osh.reasons";

export async function importOshFile(db: Db, input: RunInput): Promise<OshImportResult> {
  const parsed = input.analysed ?? analyseOshFile(input.bytes ?? new Uint8Array());
  const at = input.now ?? new Date();
  const centreOrgId = input.account.kind === "centre" ? input.account.organizationId : null;
  const meta = { jobId: randomUUID(), actorUserId: input.userId ?? null, centreOrgId, at };

  // ---- the organisations the rows could be
  const places = parsed.rows.map((r) => statedPlace(r.country, r.address, r.name)).filter((p) => p.provinceAdcode !== null);
  const existing = await loadCandidates(
    db,
    places.map((p) => ({ provinceAdcode: p.provinceAdcode!, cityAdcode: p.cityAdcode })),
  );
  const before = new Map(existing.map((o) => [o.id, o]));

  // ---- resolve (pure)
  const result = resolveOshRows(parsed, existing, { source: `import:${meta.jobId}`, newId: () => randomUUID() });

  // ---- rows a person decided before keep that decision
  const keys = new Map<number, string>();
  for (const r of result.rows) if (r.outcome === "review" && r.incoming) keys.set(r.line, rowKeyOf(r.incoming));
  const decided = new Map<string, { status: string; resultOrgId: string; name: string }>();
  if (keys.size > 0) {
    const rows = await db
      .select({ rowKey: importReviewItems.rowKey, status: importReviewItems.status, resultOrgId: importReviewItems.resultOrgId, name: organizations.nameZh })
      .from(importReviewItems)
      .innerJoin(organizations, eq(organizations.id, importReviewItems.resultOrgId))
      .where(and(inArray(importReviewItems.rowKey, [...new Set(keys.values())]), ne(importReviewItems.status, "pending")));
    for (const d of rows) decided.set(d.rowKey, { status: d.status, resultOrgId: d.resultOrgId!, name: d.name });
  }
  const rows = result.rows.map((r): RowDecision => {
    const d = keys.has(r.line) ? decided.get(keys.get(r.line)!) : undefined;
    if (!d) return r;
    const why = d.status === "merged" ? reason(`${R}.reviewedSame`, { name: d.name }) : reason(`${R}.reviewedApart`);
    return { ...r, outcome: "unchanged", reason: why, organizationId: d.resultOrgId, candidates: [] };
  });
  const counts = { ...result.counts, review: rows.filter((r) => r.outcome === "review").length };
  counts.unchanged += result.counts.review - counts.review;
  const final = { ...result, rows, counts };

  // ---- write
  const createdIds = new Set(rows.filter((r) => r.outcome === "created").map((r) => r.organizationId!));
  const created = final.organizations.filter((o) => createdIds.has(o.id));
  const lines = new Map(rows.filter((r) => r.outcome === "created").map((r) => [r.organizationId!, r.line]));
  const report = importReport(final);
  await db.transaction(async (tx) => {
    await tx.insert(importJobs).values({
      id: meta.jobId,
      organizationId: centreOrgId,
      userId: meta.actorUserId,
      format: "osh",
      fileName: input.fileName ?? null,
      created: counts.created,
      updated: counts.merged,
      unchanged: counts.unchanged,
      rejected: counts.rejected,
      report: {
        encoding: parsed.encoding,
        totalRows: parsed.totalRows,
        counts,
        rows: rows.map((r) => ({ line: r.line, name: r.name, outcome: r.outcome, flags: r.flags, reason: r.reason, organizationId: r.organizationId })),
        warnings: parsed.warnings,
      },
      createdAt: at,
    });
    await insertImportedOrgs(tx, created, { ...meta, lines });
    await applyMerges(tx, before, final.organizations, meta);
    const review = rows.filter((r) => r.outcome === "review" && r.incoming && r.candidates.length > 0);
    for (let i = 0; i < review.length; i += 500) {
      await tx
        .insert(importReviewItems)
        .values(
          review.slice(i, i + 500).map((r) => ({
            importJobId: meta.jobId,
            ownerOrgId: centreOrgId,
            line: r.line,
            rowKey: keys.get(r.line)!,
            incoming: { record: r.incoming, flags: r.flags, place: r.place, fileName: input.fileName ?? null },
            candidateOrgId: r.candidates[0]!.id,
            score: r.candidates[0]!.score,
            candidates: r.candidates,
            createdAt: at,
          })),
        )
        .onConflictDoNothing();
    }
  });

  return {
    jobId: meta.jobId,
    encoding: parsed.encoding,
    totalRows: parsed.totalRows,
    report,
    rows: rows.map((r) => ({ line: r.line, name: r.name, outcome: r.outcome, flags: [...r.flags], reason: r.reason, organizationId: r.organizationId })),
    warnings: parsed.warnings,
  };
}
