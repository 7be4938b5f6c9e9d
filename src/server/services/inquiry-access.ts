import "server-only";
import { and, arrayContains, eq, exists, inArray, or } from "drizzle-orm";
import { chinaDay, effectiveDemandStatus } from "@/domain/demand-text";
import { demands, files, inquiries, inquiryMessages, memberships, organizations, quotes } from "../db/schema";
import type { Db } from "../db/types";
import { DomainError, type DomainErrorCode } from "../errors";
import { assertRole } from "./authz";
import type { OrgContext } from "./context";

/**
 * Who may touch an inquiry (docs/deals.md "Who sees what"): the buyer organisation and the
 * supplier organisation, decided from the active organisation; everyone else gets NOT_FOUND.
 * Mutations lock the demand row first, then the inquiry, then a quote (inquiry-award.ts and the
 * others keep this order), so awards, withdrawals and revisions of one demand run one at a time.
 */

export type InquiryRow = typeof inquiries.$inferSelect;
export type DemandRow = typeof demands.$inferSelect;
export type Side = "buyer" | "supplier";

/** Buyer and supplier actions: the roles that may post demands and listings. */
export const PARTY_ROLES = ["owner", "admin", "member"] as const;

export const dealError = (code: DomainErrorCode, key: string, params: Record<string, string | number> = {}, field?: string) =>
  new DomainError(code, `deals.errors.${key}`, params, field);
export const inquiryNotFound = () => dealError("NOT_FOUND", "notFound");

export function sideOf(ctx: OrgContext, inquiry: Pick<InquiryRow, "buyerOrgId" | "supplierOrgId">): Side | null {
  const org = ctx.membership.organizationId;
  return inquiry.buyerOrgId === org ? "buyer" : inquiry.supplierOrgId === org ? "supplier" : null;
}

/** The inquiry if the active organisation is one of its two sides (and the given one, if asked). */
export async function partyInquiry(db: Db, ctx: OrgContext, inquiryId: string, side?: Side): Promise<{ inquiry: InquiryRow; side: Side }> {
  const org = ctx.membership.organizationId;
  const [inquiry] = await db
    .select()
    .from(inquiries)
    .where(and(eq(inquiries.id, inquiryId), or(eq(inquiries.buyerOrgId, org), eq(inquiries.supplierOrgId, org))));
  if (!inquiry) throw inquiryNotFound();
  const mine = sideOf(ctx, inquiry)!;
  assertRole(ctx, PARTY_ROLES);
  if (side && mine !== side) throw dealError("FORBIDDEN", "notYourTurn");
  return { inquiry, side: mine };
}

/** The demand row, locked for the rest of the transaction. */
export async function lockDemand(tx: Db, demandId: string): Promise<DemandRow> {
  const [row] = await tx.select().from(demands).where(eq(demands.id, demandId)).for("update");
  if (!row) throw inquiryNotFound();
  return row;
}

/**
 * For a mutation: checks the side, then locks the demand and the inquiry in that order and
 * returns them as they are once the locks are held.
 */
export async function lockPartyInquiry(tx: Db, ctx: OrgContext, inquiryId: string, side: Side): Promise<{ demand: DemandRow; inquiry: InquiryRow }> {
  const { inquiry: seen } = await partyInquiry(tx, ctx, inquiryId, side);
  const demand = await lockDemand(tx, seen.demandId);
  const [inquiry] = await tx.select().from(inquiries).where(eq(inquiries.id, inquiryId)).for("update");
  if (!inquiry) throw inquiryNotFound();
  return { demand, inquiry };
}

/** "2025-06-01 23:59" in China time, as error messages quote a deadline. */
export function chinaDateTime(at: Date): string {
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${chinaDay(at)} ${time}`;
}

/** Quotes and invitations need an open demand before its quote deadline. */
export function assertQuotable(demand: DemandRow, at: Date): void {
  const status = effectiveDemandStatus(demand.status, demand.quoteDeadline, at);
  if (status === "expired") throw dealError("CONFLICT", "deadlinePassed", { deadline: demand.quoteDeadline ? chinaDateTime(demand.quoteDeadline) : "" });
  if (status !== "open") throw dealError("CONFLICT", "demandClosed");
}

/** Attachments must be files the organisation uploaded as attachments (as for demands). */
export async function assertAttachments(tx: Db, organizationId: string, ids: readonly string[], field = "attachmentFileIds"): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, unique), eq(files.organizationId, organizationId), eq(files.purpose, "attachment")));
  if (rows.length !== unique.length) throw dealError("INVALID", "attachmentNotFound", {}, field);
  return unique;
}

/** Attachment metadata for display, in the order given (files of the author organisation only). */
export async function attachmentsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { id: string; mime: string; size: number; originalName: string | null }>();
  const rows = await db.select({ id: files.id, mime: files.mime, size: files.size, originalName: files.originalName }).from(files).where(inArray(files.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export const orgSummaryColumns = {
  id: organizations.id,
  nameZh: organizations.nameZh,
  nameEn: organizations.nameEn,
  type: organizations.type,
  smeLevel: organizations.smeLevel,
  verificationState: organizations.verificationState,
  cityAdcode: organizations.cityAdcode,
};

export async function orgSummaries(db: Db, ids: string[]) {
  const rows = ids.length ? await db.select(orgSummaryColumns).from(organizations).where(inArray(organizations.id, [...new Set(ids)])) : [];
  return new Map(rows.map((r) => [r.id, { ...r, verified: r.verificationState === "verified" }]));
}

/** The active organisation's inquiry on a demand as its supplier, if any (the demand page's actions). */
export async function supplierInquiryOn(db: Db, organizationId: string | undefined, demandId: string) {
  if (!organizationId) return null;
  const [row] = await db
    .select({ id: inquiries.id, status: inquiries.status })
    .from(inquiries)
    .where(and(eq(inquiries.demandId, demandId), eq(inquiries.supplierOrgId, organizationId)));
  return row ?? null;
}

/** Whether the user belongs to a supplier organisation holding an inquiry on the demand. */
export async function userHasInquiryOn(db: Db, userId: string | undefined, demandId: string): Promise<boolean> {
  if (!userId) return false;
  const [row] = await db
    .select({ id: inquiries.id })
    .from(inquiries)
    .innerJoin(memberships, eq(memberships.organizationId, inquiries.supplierOrgId))
    .where(and(eq(inquiries.demandId, demandId), eq(memberships.userId, userId)))
    .limit(1);
  return Boolean(row);
}

/**
 * Whether the user may read an attachment because it was posted in a thread of theirs: a message or
 * a quote of an inquiry between the file's organisation and an organisation the user belongs to, or
 * attached to the demand the inquiry is about.
 */
export async function threadAttachmentReadable(db: Db, userId: string, file: { id: string; organizationId: string | null }): Promise<boolean> {
  if (!file.organizationId) return false;
  const inMessage = db
    .select({ id: inquiryMessages.id })
    .from(inquiryMessages)
    .where(and(eq(inquiryMessages.inquiryId, inquiries.id), eq(inquiryMessages.authorOrgId, file.organizationId), arrayContains(inquiryMessages.attachmentFileIds, [file.id])));
  const inQuote = db
    .select({ id: quotes.id })
    .from(quotes)
    .where(and(eq(quotes.inquiryId, inquiries.id), arrayContains(quotes.attachmentFileIds, [file.id])));
  // The demand's own attachments (the tech pack) for the suppliers holding an inquiry on it.
  const inDemand = db
    .select({ id: demands.id })
    .from(demands)
    .where(and(eq(demands.id, inquiries.demandId), eq(demands.organizationId, file.organizationId), arrayContains(demands.attachmentFileIds, [file.id])));
  const [row] = await db
    .select({ id: inquiries.id })
    .from(inquiries)
    .innerJoin(memberships, and(eq(memberships.userId, userId), or(eq(memberships.organizationId, inquiries.buyerOrgId), eq(memberships.organizationId, inquiries.supplierOrgId))))
    .where(and(or(eq(inquiries.buyerOrgId, file.organizationId), eq(inquiries.supplierOrgId, file.organizationId)), or(exists(inMessage), exists(inQuote), exists(inDemand))))
    .limit(1);
  return Boolean(row);
}
