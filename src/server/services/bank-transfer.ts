import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { z } from "zod";
import { transferAmountFen } from "@/domain/billing/plans";
import { referenceFromBytes } from "@/domain/billing/transfer";
import { cancelTransferInputSchema, transferOrderInputSchema, vatInvoiceRequestInputSchema, type TransferOrderInput, type VatInvoiceRequestInput } from "@/domain/schemas/billing-transfer";
import { env } from "@/env";
import { bankTransferOrders, organizations, vatInvoiceRequests } from "../db/schema";
import { DomainError, isUniqueViolation, notFound } from "../errors";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";

/**
 * Bank transfer (对公转账) and 发票 requests, the firm's side (docs/billing.md "Bank transfer and 发票").
 * An owner or admin orders a paid plan for 1, 3, 6 or 12 months and gets a payment reference and the
 * platform's bank details; a platform admin confirms the receipt (bank-transfer-admin.ts), which
 * grants the plan. For a confirmed order the firm may request a 发票.
 */

export type BankTransferOrder = typeof bankTransferOrders.$inferSelect;
export type VatInvoiceRequest = typeof vatInvoiceRequests.$inferSelect;

/** Errors of this feature: i18n keys in the `bankTransfer` namespace. */
export const transferError = (code: "CONFLICT" | "INVALID", key: string, field?: string) => new DomainError(code, `bankTransfer.errors.${key}`, {}, field);

/** Where to pay: the platform's account (env, with demo values flagged `demo`). */
export const platformBankDetails = () => env.platformBank;

/** A fresh payment reference (crypto random); uniqueness is the unique index's job, the caller retries. */
export const newTransferReference = () => referenceFromBytes(randomBytes(8));

const MANAGERS = ["owner", "admin"] as const;
const REFERENCE_ATTEMPTS = 5;

/**
 * Orders a plan by bank transfer. At most one order of an organisation awaits payment (a partial
 * unique index): a second order is refused with `bankTransfer.errors.awaitingExists` — the firm pays
 * or cancels the one it has, so the reference it may already have given its bank stays the only one.
 */
export async function orderTransfer({ ctx, input }: { ctx: OrgContext; input: TransferOrderInput }) {
  assertRole(ctx, MANAGERS);
  const v = transferOrderInputSchema.parse(input);
  const organizationId = ctx.membership.organizationId;
  const amountFen = transferAmountFen(v.plan, v.months);
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.transaction(async (tx) => {
        const [awaiting] = await tx
          .select({ id: bankTransferOrders.id })
          .from(bankTransferOrders)
          .where(and(eq(bankTransferOrders.organizationId, organizationId), eq(bankTransferOrders.status, "awaiting_payment")));
        if (awaiting) throw transferError("CONFLICT", "awaitingExists");
        const at = now(ctx);
        const [row] = await tx
          .insert(bankTransferOrders)
          .values({
            organizationId,
            plan: v.plan,
            months: v.months,
            amountFen,
            reference: newTransferReference(),
            payerName: v.payerName ?? null,
            requestedBy: ctx.actor.userId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        await writeAudit(tx, {
          organizationId,
          actorUserId: ctx.actor.userId,
          action: "billing.transferOrdered",
          entityType: "bank_transfer_order",
          entityId: row!.id,
          changes: { plan: v.plan, months: v.months, amountFen, reference: row!.reference },
        });
        return row!;
      });
    } catch (e) {
      // Two orders at once: the index decides, the loser hears the same as above.
      if (isUniqueViolation(e, "bank_transfer_orders_awaiting_key")) throw transferError("CONFLICT", "awaitingExists");
      if (isUniqueViolation(e, "bank_transfer_orders_reference_key") && attempt < REFERENCE_ATTEMPTS) continue;
      throw e;
    }
  }
}

/** The firm withdraws its order while it still awaits payment (an owner or admin). */
export async function cancelTransfer({ ctx, input }: { ctx: OrgContext; input: z.input<typeof cancelTransferInputSchema> }) {
  assertRole(ctx, MANAGERS);
  const { id, reason } = cancelTransferInputSchema.parse(input);
  const organizationId = ctx.membership.organizationId;
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(bankTransferOrders)
      .where(and(eq(bankTransferOrders.id, id), eq(bankTransferOrders.organizationId, organizationId)))
      .for("update");
    if (!order) throw notFound();
    if (order.status !== "awaiting_payment") throw transferError("CONFLICT", "notAwaiting");
    const at = now(ctx);
    const [row] = await tx
      .update(bankTransferOrders)
      .set({ status: "cancelled", cancelledAt: at, cancelReason: reason ?? null, updatedAt: at })
      .where(eq(bankTransferOrders.id, id))
      .returning();
    await writeAudit(tx, {
      organizationId,
      actorUserId: ctx.actor.userId,
      action: "billing.transferCancelled",
      entityType: "bank_transfer_order",
      entityId: id,
      changes: { by: "organization", reason: reason ?? null, reference: order.reference },
    });
    return row!;
  });
}

/** The active organisation's orders, newest first, each with its 发票 requests, and where to pay (any member). */
export async function myTransfers({ ctx }: { ctx: OrgContext }) {
  const organizationId = ctx.membership.organizationId;
  const orders = await ctx.db
    .select()
    .from(bankTransferOrders)
    .where(eq(bankTransferOrders.organizationId, organizationId))
    .orderBy(desc(bankTransferOrders.createdAt))
    .limit(50);
  const invoices = orders.length
    ? await ctx.db
        .select()
        .from(vatInvoiceRequests)
        .where(
          and(
            eq(vatInvoiceRequests.organizationId, organizationId),
            inArray(
              vatInvoiceRequests.orderId,
              orders.map((o) => o.id),
            ),
          ),
        )
        .orderBy(desc(vatInvoiceRequests.createdAt))
    : [];
  const [org] = await ctx.db.select({ nameZh: organizations.nameZh, uscc: organizations.uscc }).from(organizations).where(eq(organizations.id, organizationId));
  return {
    bank: platformBankDetails(),
    /** What a 发票 request form starts with: the organisation's registered name and USCC. */
    invoiceDefaults: { title: org?.nameZh ?? "", taxNumber: org?.uscc ?? "" },
    /** Whether the caller may order, cancel and request 发票 (owner or admin); the services check it again. */
    canManage: (MANAGERS as readonly string[]).includes(ctx.membership.role),
    orders: orders.map((o) => ({ ...o, invoices: invoices.filter((i) => i.orderId === o.id) })),
  };
}

/**
 * Requests a 发票 for a confirmed order of the caller's organisation (an owner or admin), for the
 * order's amount. One live request per order (a partial unique index: requested or issued); after a
 * rejection the firm may request again.
 */
export async function requestVatInvoice({ ctx, input }: { ctx: OrgContext; input: VatInvoiceRequestInput }) {
  assertRole(ctx, MANAGERS);
  const v = vatInvoiceRequestInputSchema.parse(input);
  const organizationId = ctx.membership.organizationId;
  try {
    return await ctx.db.transaction(async (tx) => {
      const [order] = await tx
        .select()
        .from(bankTransferOrders)
        .where(and(eq(bankTransferOrders.id, v.orderId), eq(bankTransferOrders.organizationId, organizationId)))
        .for("update");
      if (!order) throw notFound();
      if (order.status !== "confirmed") throw transferError("CONFLICT", "orderNotConfirmed");
      const [live] = await tx
        .select({ id: vatInvoiceRequests.id })
        .from(vatInvoiceRequests)
        .where(and(eq(vatInvoiceRequests.orderId, order.id), ne(vatInvoiceRequests.status, "rejected")));
      if (live) throw transferError("CONFLICT", "invoiceExists");
      const [row] = await tx
        .insert(vatInvoiceRequests)
        .values({
          organizationId,
          orderId: order.id,
          invoiceType: v.invoiceType,
          title: v.title,
          taxNumber: v.taxNumber,
          addressPhone: v.addressPhone ?? null,
          bankAccount: v.bankAccount ?? null,
          email: v.email,
          amountFen: order.amountFen,
          requestedBy: ctx.actor.userId,
          createdAt: now(ctx),
        })
        .returning();
      await writeAudit(tx, {
        organizationId,
        actorUserId: ctx.actor.userId,
        action: "billing.vatInvoiceRequested",
        entityType: "vat_invoice_request",
        entityId: row!.id,
        changes: { orderId: order.id, reference: order.reference, invoiceType: v.invoiceType, title: v.title, taxNumber: v.taxNumber, amountFen: order.amountFen },
      });
      return row!;
    });
  } catch (e) {
    if (isUniqueViolation(e, "vat_invoice_requests_live_key")) throw transferError("CONFLICT", "invoiceExists");
    throw e;
  }
}
