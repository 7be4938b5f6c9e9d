import "server-only";
import { and, eq, max } from "drizzle-orm";
import { chinaDay } from "@/domain/demand-text";
import { isOpenInquiry, quoteAmountFen } from "@/domain/deals/inquiry-rules";
import { yuanToFen, type QuoteValues } from "@/domain/schemas/deals";
import { inquiries, organizations, quotes } from "../db/schema";
import type { Db } from "../db/types";
import { writeAudit } from "./audit";
import { now, type OrgContext } from "./context";
import { assertAttachments, assertQuotable, dealError, lockPartyInquiry, type DemandRow, type InquiryRow } from "./inquiry-access";
import { notify } from "./notifications";

/**
 * Quotes are versions of one negotiation, never edited (docs/deals.md): the supplier's first quote
 * and revisions, the buyer's counter-offers, numbered 1, 2, 3… across both sides. A supplier's new
 * quote supersedes every active one (its previous quote and the buyer's counter); a counter
 * supersedes only the buyer's previous counter, so the supplier's quote stays awardable until the
 * supplier revises or withdraws it.
 */

export type QuoteRow = typeof quotes.$inferSelect;

/** What every reader gets of a quote (the stored terms; money in fen). */
export const quoteColumns = {
  id: quotes.id,
  inquiryId: quotes.inquiryId,
  revision: quotes.revision,
  author: quotes.author,
  status: quotes.status,
  unitPriceFen: quotes.unitPriceFen,
  priceUnit: quotes.priceUnit,
  taxIncluded: quotes.taxIncluded,
  invoiceType: quotes.invoiceType,
  quantityValue: quotes.quantityValue,
  quantityUnit: quotes.quantityUnit,
  leadTimeDays: quotes.leadTimeDays,
  validUntil: quotes.validUntil,
  paymentTerms: quotes.paymentTerms,
  paymentDays: quotes.paymentDays,
  sampleCostFen: quotes.sampleCostFen,
  notes: quotes.notes,
  attachmentFileIds: quotes.attachmentFileIds,
  createdAt: quotes.createdAt,
};

/** Stored columns of a validated quote; refuses what the schema cannot know (today, the units, the files). */
async function quoteColumnsOf(tx: Db, ctx: OrgContext, values: QuoteValues, at: Date) {
  if (values.validUntil < chinaDay(at)) throw dealError("INVALID", "validUntilPassed", {}, "quote.validUntil");
  const cols = {
    unitPriceFen: yuanToFen(values.unitPrice),
    priceUnit: values.priceUnit,
    taxIncluded: values.taxIncluded,
    invoiceType: values.invoiceType,
    quantityValue: values.quantityValue,
    quantityUnit: values.quantityUnit,
    leadTimeDays: values.leadTimeDays,
    validUntil: values.validUntil,
    paymentTerms: values.paymentTerms,
    paymentDays: values.paymentTerms === "prepay" ? null : (values.paymentDays ?? null),
    sampleCostFen: values.sampleCost === undefined ? null : yuanToFen(values.sampleCost),
    notes: values.notes ?? null,
    attachmentFileIds: await assertAttachments(tx, ctx.membership.organizationId, values.attachmentFileIds, "quote.attachmentFileIds"),
  };
  if (quoteAmountFen(cols) === null) throw dealError("INVALID", "unitMismatch", {}, "quote.priceUnit");
  return cols;
}

/**
 * Adds the next version to a locked inquiry and supersedes what it replaces. The caller holds the
 * demand and inquiry locks, so revision numbers cannot collide.
 */
export async function insertQuote(tx: Db, ctx: OrgContext, inquiry: InquiryRow, author: "supplier" | "buyer", values: QuoteValues): Promise<QuoteRow> {
  const at = now(ctx);
  const cols = await quoteColumnsOf(tx, ctx, values, at);
  const [last] = await tx.select({ n: max(quotes.revision) }).from(quotes).where(eq(quotes.inquiryId, inquiry.id));
  const replaced = and(eq(quotes.inquiryId, inquiry.id), eq(quotes.status, "active"), author === "buyer" ? eq(quotes.author, "buyer") : undefined);
  await tx.update(quotes).set({ status: "superseded" }).where(replaced);
  const [row] = await tx
    .insert(quotes)
    .values({ ...cols, inquiryId: inquiry.id, revision: (last?.n ?? 0) + 1, author, status: "active", createdBy: ctx.actor.userId, createdAt: at })
    .returning();
  await tx
    .update(inquiries)
    .set({ status: author === "supplier" ? "quoted" : "countered", updatedAt: at })
    .where(eq(inquiries.id, inquiry.id));
  await writeAudit(tx, {
    organizationId: ctx.membership.organizationId,
    actorUserId: ctx.actor.userId,
    action: author === "supplier" ? "inquiry.quote" : "inquiry.counter",
    entityType: "inquiry",
    entityId: inquiry.id,
    changes: { quoteId: row!.id, revision: row!.revision, unitPriceFen: row!.unitPriceFen, paymentTerms: row!.paymentTerms, paymentDays: row!.paymentDays },
  });
  return row!;
}

const orgName = async (tx: Db, id: string) => (await tx.select({ nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, id)))[0]?.nameZh ?? "";

/** The buyer hears of a supplier's quote or revision. */
export async function notifyQuoteReceived(tx: Db, demand: DemandRow, inquiry: InquiryRow, quote: QuoteRow) {
  await notify(tx, {
    organizationId: inquiry.buyerOrgId,
    kind: "quoteReceived",
    params: { supplier: await orgName(tx, inquiry.supplierOrgId), demand: demand.title, revision: quote.revision },
    link: `/inquiries/${inquiry.id}`,
    dedupeKey: `quoteReceived:${quote.id}`,
  });
}

/** The supplier's first quote or a revision: the inquiry must still run and the demand take quotes. */
export async function submitQuote({ ctx, inquiryId, quote }: { ctx: OrgContext; inquiryId: string; quote: QuoteValues }) {
  return ctx.db.transaction(async (tx) => {
    const { demand, inquiry } = await lockPartyInquiry(tx, ctx, inquiryId, "supplier");
    assertQuotable(demand, now(ctx));
    if (!isOpenInquiry(inquiry.status)) throw dealError("CONFLICT", "inquiryClosed");
    const row = await insertQuote(tx, ctx, inquiry, "supplier", quote);
    await notifyQuoteReceived(tx, demand, inquiry, row);
    return { inquiryId, quoteId: row.id, revision: row.revision };
  });
}

/** The buyer's counter-offer, once the supplier has quoted; the supplier answers with a revision. */
export async function counterQuote({ ctx, inquiryId, quote }: { ctx: OrgContext; inquiryId: string; quote: QuoteValues }) {
  return ctx.db.transaction(async (tx) => {
    const { demand, inquiry } = await lockPartyInquiry(tx, ctx, inquiryId, "buyer");
    assertQuotable(demand, now(ctx));
    if (inquiry.status === "invited") throw dealError("CONFLICT", "notQuotedYet");
    if (inquiry.status !== "quoted" && inquiry.status !== "countered") throw dealError("CONFLICT", "inquiryClosed");
    const row = await insertQuote(tx, ctx, inquiry, "buyer", quote);
    await notify(tx, {
      organizationId: inquiry.supplierOrgId,
      kind: "quoteCountered",
      params: { buyer: await orgName(tx, inquiry.buyerOrgId), demand: demand.title },
      link: `/inquiries/${inquiry.id}`,
      dedupeKey: `quoteCountered:${row.id}`,
    });
    return { inquiryId, quoteId: row.id, revision: row.revision };
  });
}

/**
 * Ends the supplier's part: a withdrawal (of its active quote) or a declined invitation. Active
 * quotes are closed (the supplier's withdrawn, a counter superseded) and the buyer is told.
 */
async function leaveInquiry(tx: Db, ctx: OrgContext, demand: DemandRow, inquiry: InquiryRow, status: "withdrawn" | "declined", reason: string | null) {
  const at = now(ctx);
  await tx.update(quotes).set({ status: "withdrawn" }).where(and(eq(quotes.inquiryId, inquiry.id), eq(quotes.status, "active"), eq(quotes.author, "supplier")));
  await tx.update(quotes).set({ status: "superseded" }).where(and(eq(quotes.inquiryId, inquiry.id), eq(quotes.status, "active")));
  await tx
    .update(inquiries)
    .set({ status, updatedAt: at, ...(status === "declined" ? { declineReason: reason } : {}) })
    .where(eq(inquiries.id, inquiry.id));
  await writeAudit(tx, {
    organizationId: ctx.membership.organizationId,
    actorUserId: ctx.actor.userId,
    action: status === "declined" ? "inquiry.decline" : "inquiry.withdraw",
    entityType: "inquiry",
    entityId: inquiry.id,
    changes: { status: [inquiry.status, status] },
  });
  await notify(tx, {
    organizationId: inquiry.buyerOrgId,
    kind: "inquiryDeclined",
    params: { supplier: await orgName(tx, inquiry.supplierOrgId), demand: demand.title },
    link: `/inquiries/${inquiry.id}`,
    dedupeKey: `inquiryDeclined:${inquiry.id}`,
  });
}

/** The supplier withdraws its active quote (allowed after the deadline too, until the award). */
export async function withdrawQuote({ ctx, inquiryId, quoteId }: { ctx: OrgContext; inquiryId: string; quoteId: string }) {
  return ctx.db.transaction(async (tx) => {
    const { demand, inquiry } = await lockPartyInquiry(tx, ctx, inquiryId, "supplier");
    const [quote] = await tx.select().from(quotes).where(and(eq(quotes.id, quoteId), eq(quotes.inquiryId, inquiryId))).for("update");
    if (!quote || quote.author !== "supplier" || quote.status !== "active") throw dealError("CONFLICT", "quoteNotActive");
    await leaveInquiry(tx, ctx, demand, inquiry, "withdrawn", null);
    return { inquiryId, status: "withdrawn" as const };
  });
}

/** The supplier declines an invitation (or a negotiation it no longer wants, before the award). */
export async function declineInquiry({ ctx, inquiryId, reason }: { ctx: OrgContext; inquiryId: string; reason?: string }) {
  return ctx.db.transaction(async (tx) => {
    const { demand, inquiry } = await lockPartyInquiry(tx, ctx, inquiryId, "supplier");
    if (!isOpenInquiry(inquiry.status)) throw dealError("CONFLICT", "inquiryClosed");
    await leaveInquiry(tx, ctx, demand, inquiry, "declined", reason ?? null);
    return { inquiryId, status: "declined" as const };
  });
}
