import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { yuanToFen, type invoiceInputSchema, type paymentInputSchema } from "@/domain/schemas/deals";
import { dealInvoices, dealPayments } from "../db/schema";
import { dealError, lockDeal, recordHappening, type DealRow } from "./deal-access";
import { now, type OrgContext } from "./context";

/**
 * Money on a deal (docs/deals.md): the supplier issues invoices, the buyer records payments, the
 * supplier confirms each payment's receipt; the balance counts confirmed payments only. Allowed
 * while the deal runs and after it closed (月结 terms pay after delivery), not once cancelled.
 * These stay on the deal page: the counterpart is not notified.
 */

export type InvoiceValues = z.output<typeof invoiceInputSchema>;
export type PaymentValues = z.output<typeof paymentInputSchema>;

function assertNotCancelled(deal: DealRow) {
  if (deal.status === "cancelled") throw dealError("CONFLICT", "dealClosed");
}

export async function addInvoice({ ctx, input }: { ctx: OrgContext; input: InvoiceValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "supplier");
    assertNotCancelled(deal);
    const amountFen = yuanToFen(input.amount);
    const [invoice] = await tx
      .insert(dealInvoices)
      .values({ dealId: deal.id, number: input.number, invoiceType: input.invoiceType, amountFen, issuedOn: input.issuedOn, dueOn: input.dueOn ?? null, createdBy: ctx.actor.userId })
      .onConflictDoNothing({ target: [dealInvoices.dealId, dealInvoices.number] })
      .returning();
    if (!invoice) throw dealError("CONFLICT", "invoiceNumberTaken", { number: input.number }, "number");
    await recordHappening(tx, ctx, deal, side, {
      stage: deal.stage,
      action: "invoice",
      notifyCounterpart: false,
      changes: { invoiceId: invoice.id, number: input.number, amountFen, issuedOn: input.issuedOn },
    });
    const { createdBy: _c, ...out } = invoice;
    return out;
  });
}

export async function addPayment({ ctx, input }: { ctx: OrgContext; input: PaymentValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "buyer");
    assertNotCancelled(deal);
    const amountFen = yuanToFen(input.amount);
    const [payment] = await tx
      .insert(dealPayments)
      .values({ dealId: deal.id, amountFen, paidOn: input.paidOn, method: input.method, reference: input.reference ?? null, createdBy: ctx.actor.userId })
      .returning();
    await recordHappening(tx, ctx, deal, side, {
      stage: deal.stage,
      action: "payment",
      notifyCounterpart: false,
      changes: { paymentId: payment!.id, amountFen, paidOn: input.paidOn, method: input.method },
    });
    const { createdBy: _c, ...out } = payment!;
    return out;
  });
}

export async function confirmPayment({ ctx, input }: { ctx: OrgContext; input: { dealId: string; paymentId: string } }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "supplier");
    assertNotCancelled(deal);
    const [payment] = await tx.select().from(dealPayments).where(and(eq(dealPayments.id, input.paymentId), eq(dealPayments.dealId, deal.id)));
    if (!payment) throw dealError("NOT_FOUND", "paymentNotFound");
    if (payment.confirmedAt) throw dealError("CONFLICT", "paymentConfirmed");
    const [row] = await tx.update(dealPayments).set({ confirmedAt: now(ctx) }).where(eq(dealPayments.id, payment.id)).returning();
    await recordHappening(tx, ctx, deal, side, {
      stage: deal.stage,
      action: "paymentConfirmed",
      notifyCounterpart: false,
      changes: { paymentId: payment.id, amountFen: payment.amountFen },
    });
    const { createdBy: _c, ...out } = row!;
    return out;
  });
}
