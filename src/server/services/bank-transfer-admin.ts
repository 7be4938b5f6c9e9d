import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { effectivePlan } from "@/domain/billing/plans";
import { periodUntil } from "@/domain/billing/transfer";
import {
  adminCancelTransferInputSchema,
  confirmTransferInputSchema,
  issueVatInvoiceInputSchema,
  rejectVatInvoiceInputSchema,
  transferListInputSchema,
  vatInvoiceListInputSchema,
} from "@/domain/schemas/billing-transfer";
import type { Db } from "../db/types";
import { bankTransferOrders, organizations, subscriptions, vatInvoiceRequests } from "../db/schema";
import { forbidden, notFound } from "../errors";
import { writeAudit } from "./audit";
import { transferError } from "./bank-transfer";
import { applyGrant } from "./billing";
import { now, type AuthedContext } from "./context";
import { notify } from "./notifications";

/**
 * Bank transfer (对公转账) and 发票 requests, the platform admin's side (docs/billing.md "Bank transfer
 * and 发票"): the orders awaiting payment, confirming a receipt (which grants the plan in the same
 * transaction), cancelling an order, and issuing or rejecting 发票 requests. Every call: platform
 * admins only, audited, the firm notified of what concerns it.
 */

function assertAdmin(ctx: AuthedContext) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
}

/** Orders in one status with their organisation's name: awaiting ones oldest first, the others newest first. */
export async function listTransfers({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof transferListInputSchema> }) {
  assertAdmin(ctx);
  const { status } = transferListInputSchema.parse(input);
  const rows = await ctx.db
    .select({ order: bankTransferOrders, nameZh: organizations.nameZh, nameEn: organizations.nameEn })
    .from(bankTransferOrders)
    .innerJoin(organizations, eq(organizations.id, bankTransferOrders.organizationId))
    .where(eq(bankTransferOrders.status, status))
    .orderBy(status === "awaiting_payment" ? asc(bankTransferOrders.createdAt) : desc(bankTransferOrders.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r.order, organizationNameZh: r.nameZh, organizationNameEn: r.nameEn }));
}

/**
 * Where a confirmed order's period starts: now, or — when the organisation's grant (bank transfer
 * or admin) of the same plan is still running with an end — at that end, so paying early extends
 * the plan instead of losing the days left. Any other plan or source (Stripe, another plan, an
 * open-ended grant) is replaced from now, as an admin grant replaces it.
 */
async function periodStart(tx: Db, organizationId: string, plan: string, at: Date): Promise<Date> {
  const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId)).for("update");
  if (!sub || sub.source === "stripe" || sub.plan !== plan || !sub.currentPeriodEnd) return at;
  if (effectivePlan(sub, at) !== plan) return at;
  return sub.currentPeriodEnd.getTime() > at.getTime() ? sub.currentPeriodEnd : at;
}

/**
 * Confirms the receipt of an order's transfer: locks the order (only `awaiting_payment` may be
 * confirmed; a second confirmation is a CONFLICT), grants the plan through `applyGrant` (source
 * `bank_transfer`, until the last day of start + months) in the same transaction, records who
 * confirmed, when, and the period, and tells the organisation's members.
 */
export async function confirmTransfer({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof confirmTransferInputSchema> }) {
  assertAdmin(ctx);
  const { id, receivedOn } = confirmTransferInputSchema.parse(input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(bankTransferOrders).where(eq(bankTransferOrders.id, id)).for("update");
    if (!order) throw notFound();
    if (order.status !== "awaiting_payment") throw transferError("CONFLICT", "notAwaiting");
    const start = await periodStart(tx, order.organizationId, order.plan, at);
    const until = periodUntil(start, order.months);
    const sub = await applyGrant(tx, {
      organizationId: order.organizationId,
      plan: order.plan,
      source: "bank_transfer",
      until,
      note: `${order.reference}${receivedOn ? ` · ${receivedOn}` : ""}`,
      actorUserId: ctx.actor.userId,
      at,
    });
    const [row] = await tx
      .update(bankTransferOrders)
      .set({ status: "confirmed", confirmedBy: ctx.actor.userId, confirmedAt: at, periodStart: start, periodEnd: sub.currentPeriodEnd, updatedAt: at })
      .where(eq(bankTransferOrders.id, order.id))
      .returning();
    await writeAudit(tx, {
      organizationId: order.organizationId,
      actorUserId: ctx.actor.userId,
      action: "billing.transferConfirmed",
      entityType: "bank_transfer_order",
      entityId: order.id,
      changes: { reference: order.reference, plan: order.plan, months: order.months, amountFen: order.amountFen, receivedOn: receivedOn ?? null, periodStart: start.toISOString(), until },
    });
    await notify(tx, {
      organizationId: order.organizationId,
      kind: "transferConfirmed",
      params: { reference: order.reference, plan: order.plan, months: order.months, until },
      link: "/billing",
      dedupeKey: `transfer:${order.id}:confirmed`,
    });
    return row!;
  });
}

/** A platform admin cancels an order awaiting payment (say, no money arrived), with a reason the firm sees and is told. */
export async function adminCancelTransfer({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof adminCancelTransferInputSchema> }) {
  assertAdmin(ctx);
  const { id, reason } = adminCancelTransferInputSchema.parse(input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx.select().from(bankTransferOrders).where(eq(bankTransferOrders.id, id)).for("update");
    if (!order) throw notFound();
    if (order.status !== "awaiting_payment") throw transferError("CONFLICT", "notAwaiting");
    const [row] = await tx.update(bankTransferOrders).set({ status: "cancelled", cancelledAt: at, cancelReason: reason, updatedAt: at }).where(eq(bankTransferOrders.id, id)).returning();
    await writeAudit(tx, {
      organizationId: order.organizationId,
      actorUserId: ctx.actor.userId,
      action: "billing.transferCancelled",
      entityType: "bank_transfer_order",
      entityId: id,
      changes: { by: "platform", reason, reference: order.reference },
    });
    await notify(tx, {
      organizationId: order.organizationId,
      kind: "transferCancelled",
      params: { reference: order.reference, reason },
      link: "/billing",
      dedupeKey: `transfer:${order.id}:cancelled`,
    });
    return row!;
  });
}

/** 发票 requests in one status with the order's reference and the organisation's name: open ones oldest first. */
export async function listVatInvoices({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof vatInvoiceListInputSchema> }) {
  assertAdmin(ctx);
  const { status } = vatInvoiceListInputSchema.parse(input);
  const rows = await ctx.db
    .select({ request: vatInvoiceRequests, reference: bankTransferOrders.reference, plan: bankTransferOrders.plan, months: bankTransferOrders.months, nameZh: organizations.nameZh, nameEn: organizations.nameEn })
    .from(vatInvoiceRequests)
    .innerJoin(bankTransferOrders, eq(bankTransferOrders.id, vatInvoiceRequests.orderId))
    .innerJoin(organizations, eq(organizations.id, vatInvoiceRequests.organizationId))
    .where(eq(vatInvoiceRequests.status, status))
    .orderBy(status === "requested" ? asc(vatInvoiceRequests.createdAt) : desc(vatInvoiceRequests.createdAt))
    .limit(200);
  return rows.map((r) => ({ ...r.request, reference: r.reference, plan: r.plan, months: r.months, organizationNameZh: r.nameZh, organizationNameEn: r.nameEn }));
}

/** Locks an open 发票 request and its order's reference; a decided one is a CONFLICT. */
async function openRequest(tx: Db, id: string) {
  const [req] = await tx.select().from(vatInvoiceRequests).where(eq(vatInvoiceRequests.id, id)).for("update");
  if (!req) throw notFound();
  if (req.status !== "requested") throw transferError("CONFLICT", "invoiceDecided");
  const [order] = await tx.select({ reference: bankTransferOrders.reference }).from(bankTransferOrders).where(eq(bankTransferOrders.id, req.orderId));
  return { req, reference: order?.reference ?? "" };
}

/** Records the issued 发票's number and tells the firm. */
export async function issueVatInvoice({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof issueVatInvoiceInputSchema> }) {
  assertAdmin(ctx);
  const { id, invoiceNumber } = issueVatInvoiceInputSchema.parse(input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const { req, reference } = await openRequest(tx, id);
    const [row] = await tx.update(vatInvoiceRequests).set({ status: "issued", invoiceNumber, decidedBy: ctx.actor.userId, decidedAt: at }).where(eq(vatInvoiceRequests.id, id)).returning();
    await writeAudit(tx, { organizationId: req.organizationId, actorUserId: ctx.actor.userId, action: "billing.vatInvoiceIssued", entityType: "vat_invoice_request", entityId: id, changes: { reference, invoiceNumber } });
    await notify(tx, { organizationId: req.organizationId, kind: "vatInvoiceIssued", params: { reference, invoiceNumber }, link: "/billing", dedupeKey: `vat:${id}:issued` });
    return row!;
  });
}

/** Rejects a 发票 request with a reason (the firm may then request again) and tells the firm. */
export async function rejectVatInvoice({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof rejectVatInvoiceInputSchema> }) {
  assertAdmin(ctx);
  const { id, reason } = rejectVatInvoiceInputSchema.parse(input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const { req, reference } = await openRequest(tx, id);
    const [row] = await tx.update(vatInvoiceRequests).set({ status: "rejected", rejectReason: reason, decidedBy: ctx.actor.userId, decidedAt: at }).where(eq(vatInvoiceRequests.id, id)).returning();
    await writeAudit(tx, { organizationId: req.organizationId, actorUserId: ctx.actor.userId, action: "billing.vatInvoiceRejected", entityType: "vat_invoice_request", entityId: id, changes: { reference, reason } });
    await notify(tx, { organizationId: req.organizationId, kind: "vatInvoiceRejected", params: { reference, reason }, link: "/billing", dedupeKey: `vat:${id}:rejected` });
    return row!;
  });
}
