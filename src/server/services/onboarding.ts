import "server-only";
import { eq } from "drizzle-orm";
import { ImportRefusal } from "@/domain/import";
import { organizations } from "../db/schema";
import { DomainError } from "../errors";
import { now, type AuthedContext } from "./context";
import { analyseOshFile, importOshFile, type OnboardingAccount } from "./onboarding-import";

/**
 * Onboarding use cases for the app (tRPC): a service centre (owner or admin) imports facility lists
 * for its cluster, a platform admin for the platform. Reviews and claims are in onboarding-review.ts
 * and onboarding-claims.ts.
 */

const PREVIEW_ROWS = 10;
const REPORT_LIMIT = 1000;

/** Who an onboarding import is for: the caller's service centre, else the platform for a platform admin. */
export async function onboardingAccount(ctx: AuthedContext): Promise<OnboardingAccount> {
  if (ctx.membership && (ctx.membership.role === "owner" || ctx.membership.role === "admin")) {
    const [org] = await ctx.db.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, ctx.membership.organizationId));
    if (org?.type === "service_center") return { kind: "centre", organizationId: ctx.membership.organizationId };
  }
  if (ctx.actor.isPlatformAdmin) return { kind: "platform" };
  throw new DomainError("FORBIDDEN", "onboarding.errors.importNotAllowed");
}

/** A file refused whole, as a translated domain error. */
function refusal(e: unknown): never {
  if (e instanceof ImportRefusal) throw new DomainError("INVALID", `imports.refused.${e.reason}`, e.params, "file");
  throw e;
}

const decode = (contentBase64: string) => new Uint8Array(Buffer.from(contentBase64, "base64"));

/** The first rows, encoding and the problems found, without writing anything. */
export async function previewOshImport({ ctx, input }: { ctx: AuthedContext; input: { contentBase64: string } }) {
  await onboardingAccount(ctx);
  try {
    const parsed = analyseOshFile(decode(input.contentBase64));
    return {
      encoding: parsed.encoding,
      totalRows: parsed.totalRows,
      valid: parsed.rows.length,
      sample: parsed.rows.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, country: r.country, name: r.name, address: r.address, lat: r.lat, lng: r.lng })),
      errors: parsed.errors.slice(0, REPORT_LIMIT),
      warnings: parsed.warnings.slice(0, REPORT_LIMIT),
    };
  } catch (e) {
    refusal(e);
  }
}

/** Imports the list for the caller's centre (or the platform) and returns the report (at most 1,000 rows). */
export async function runOshImport({ ctx, input }: { ctx: AuthedContext; input: { fileName?: string; contentBase64: string } }) {
  const account = await onboardingAccount(ctx);
  let analysed;
  try {
    analysed = analyseOshFile(decode(input.contentBase64));
  } catch (e) {
    refusal(e);
  }
  const result = await importOshFile(ctx.db, { analysed, fileName: input.fileName ?? null, account, userId: ctx.actor.userId, now: now(ctx) });
  const { rows: _reportRows, ...counts } = result.report;
  return { jobId: result.jobId, encoding: result.encoding, totalRows: result.totalRows, ...counts, rows: result.rows.slice(0, REPORT_LIMIT), warnings: result.warnings.slice(0, REPORT_LIMIT) };
}
