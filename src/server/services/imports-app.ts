import "server-only";
import { desc, eq } from "drizzle-orm";
import { ImportRefusal } from "@/domain/import";
import { importJobs } from "../db/schema";
import { DomainError } from "../errors";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";
import { analyseListingsFile, importListingsFile, type ImportReport } from "./imports";

/** The Listings import for the app (tRPC): preview, run and the recent jobs of the caller's organisation. */

const PREVIEW_ROWS = 10;
const REPORT_LIMIT = 1000;

/** A file refused whole, as a translated domain error. */
function refusal(e: unknown): never {
  if (e instanceof ImportRefusal) throw new DomainError("INVALID", `imports.refused.${e.reason}`, e.params, "file");
  throw e;
}

function decodeBase64(contentBase64: string): Uint8Array {
  return new Uint8Array(Buffer.from(contentBase64, "base64"));
}

/** First rows, detected encoding and columns, and the problems found, without writing anything. */
export async function previewImport({ ctx, input }: { ctx: OrgContext; input: { contentBase64: string } }) {
  assertRole(ctx, ["owner", "admin"]);
  try {
    const { sheet, validation } = await analyseListingsFile(decodeBase64(input.contentBase64));
    return {
      encoding: sheet.encoding,
      header: sheet.header,
      columns: validation.columns,
      totalRows: validation.totalRows,
      sample: sheet.rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, cells: r.cells.slice(0, sheet.header.length) })),
      valid: validation.rows.length,
      errors: validation.errors.slice(0, REPORT_LIMIT),
      warnings: validation.warnings.slice(0, REPORT_LIMIT),
    };
  } catch (e) {
    refusal(e);
  }
}

/** Imports the file for the caller's organisation (`ref_owner` = `org:<id>`). */
export async function runImport({ ctx, input }: { ctx: OrgContext; input: { fileName?: string; contentBase64: string } }) {
  assertRole(ctx, ["owner", "admin"]);
  let report: ImportReport;
  try {
    report = await importListingsFile(ctx.db, {
      bytes: decodeBase64(input.contentBase64),
      fileName: input.fileName ?? null,
      account: { kind: "org", organizationId: ctx.membership.organizationId },
      userId: ctx.actor.userId,
      now: now(ctx),
    });
  } catch (e) {
    refusal(e);
  }
  return { ...report, errors: report.errors.slice(0, REPORT_LIMIT), warnings: report.warnings.slice(0, REPORT_LIMIT), rows: report.rows.slice(0, REPORT_LIMIT) };
}

/** The organisation's recent import jobs (counts only; the report of each is in `job`). */
export async function listImportJobs({ ctx }: { ctx: OrgContext }) {
  assertRole(ctx, ["owner", "admin"]);
  return ctx.db
    .select({ id: importJobs.id, fileName: importJobs.fileName, created: importJobs.created, updated: importJobs.updated, unchanged: importJobs.unchanged, rejected: importJobs.rejected, createdAt: importJobs.createdAt })
    .from(importJobs)
    .where(eq(importJobs.organizationId, ctx.membership.organizationId))
    .orderBy(desc(importJobs.createdAt))
    .limit(20);
}
