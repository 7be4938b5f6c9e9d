import "server-only";
import { asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { shippingSummary } from "@/domain/deals/deal-actions";
import type { quantityDecisionInputSchema, receiveShipmentInputSchema, shipmentInputSchema } from "@/domain/schemas/deals";
import type { Db } from "../db/types";
import { dealShipments } from "../db/schema";
import { assertActive, dealError, lockDeal, recordHappening, setStage, stagesOf, updateDeal, type DealRow } from "./deal-access";
import { dealResult } from "./deal-stages";
import { refreshDeliveryRecord } from "./delivery-record";
import type { OrgContext } from "./context";

/**
 * Shipping and delivery (docs/deals.md): once inspection is approved the deal is at `shipped`; the
 * supplier ships in one or more lots, the buyer records each receipt. Received within the tolerance
 * (±3% by default) the buyer confirms delivery; beyond it the buyer first accepts the difference
 * (then confirms) or rejects it (the supplier ships the rest; a new lot clears the decision).
 */

export type ShipmentValues = z.output<typeof shipmentInputSchema>;
export type ReceiveValues = z.output<typeof receiveShipmentInputSchema>;
export type QuantityDecisionValues = z.output<typeof quantityDecisionInputSchema>;

const lotsOf = (tx: Db, dealId: string) => tx.select().from(dealShipments).where(eq(dealShipments.dealId, dealId)).orderBy(asc(dealShipments.shippedOn), asc(dealShipments.createdAt));

function assertShipping(deal: DealRow) {
  assertActive(deal);
  if (deal.stage !== "shipped") throw dealError("CONFLICT", "stageAction");
}

export async function addShipment({ ctx, input }: { ctx: OrgContext; input: ShipmentValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "supplier");
    assertShipping(deal);
    const [lot] = await tx
      .insert(dealShipments)
      .values({ dealId: deal.id, quantity: input.quantity, shippedOn: input.shippedOn, carrier: input.carrier ?? null, trackingNo: input.trackingNo ?? null, createdBy: ctx.actor.userId })
      .returning();
    // The stage's date is when shipping began: goods on their way by the planned date are not late.
    const stage = (await stagesOf(tx, deal.id)).find((s) => s.stage === "shipped")!;
    if (stage.actualDate === null || input.shippedOn < stage.actualDate) await setStage(tx, ctx, deal.id, "shipped", { actualDate: input.shippedOn });
    const row = await updateDeal(tx, ctx, deal, { quantityDecision: null });
    await recordHappening(tx, ctx, deal, side, {
      stage: "shipped",
      action: "shipped",
      changes: { shipmentId: lot!.id, quantity: input.quantity, shippedOn: input.shippedOn, carrier: input.carrier, trackingNo: input.trackingNo },
    });
    return { ...dealResult(row), shipmentId: lot!.id };
  });
}

export async function receiveShipment({ ctx, input }: { ctx: OrgContext; input: ReceiveValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "buyer");
    assertShipping(deal);
    const lots = await lotsOf(tx, deal.id);
    const lot = lots.find((l) => l.id === input.shipmentId);
    if (!lot) throw dealError("NOT_FOUND", "shipmentNotFound");
    if (lot.receivedOn) throw dealError("CONFLICT", "alreadyReceived");
    if (input.receivedOn < lot.shippedOn) throw dealError("INVALID", "receivedBeforeShipped", { shippedOn: lot.shippedOn }, "receivedOn");
    await tx.update(dealShipments).set({ receivedOn: input.receivedOn }).where(eq(dealShipments.id, lot.id));
    const received = lots.reduce((a, l) => a + (l.receivedOn || l.id === lot.id ? l.quantity : 0), 0);
    const row = await updateDeal(tx, ctx, deal, { deliveredQuantity: received });
    await recordHappening(tx, ctx, deal, side, {
      stage: "shipped",
      action: "received",
      changes: { shipmentId: lot.id, quantity: lot.quantity, receivedOn: input.receivedOn, deliveredQuantity: [deal.deliveredQuantity, received] },
    });
    return dealResult(row);
  });
}

/** Everything shipped has arrived: what the decision and the confirmation look at. */
async function settledSummary(tx: Db, deal: DealRow) {
  const summary = shippingSummary(deal, await lotsOf(tx, deal.id));
  if (summary.shipments === 0 || summary.inTransit > 0) throw dealError("CONFLICT", "shipmentsPending");
  return summary;
}

export async function decideQuantity({ ctx, input }: { ctx: OrgContext; input: QuantityDecisionValues }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, input.dealId, "buyer");
    assertShipping(deal);
    const summary = await settledSummary(tx, deal);
    if (summary.withinTolerance) throw dealError("CONFLICT", "noDecisionNeeded", { tolerance: deal.tolerancePct });
    const row = await updateDeal(tx, ctx, deal, { quantityDecision: input.decision });
    await recordHappening(tx, ctx, deal, side, {
      stage: "shipped",
      action: input.decision,
      comment: input.comment,
      changes: { quantityDecision: [deal.quantityDecision, input.decision], received: summary.received, ordered: deal.quantityValue },
    });
    return dealResult(row);
  });
}

/** The buyer confirms delivery: delivered on the last receipt's date; the supplier's record counts it. */
export async function confirmDelivery({ ctx, dealId }: { ctx: OrgContext; dealId: string }) {
  return ctx.db.transaction(async (tx) => {
    const { deal, side } = await lockDeal(tx, ctx, dealId, "buyer");
    assertShipping(deal);
    const lots = await lotsOf(tx, deal.id);
    const summary = await settledSummary(tx, deal);
    if (!summary.canConfirm) throw dealError("CONFLICT", "toleranceDecision", { tolerance: deal.tolerancePct });
    const deliveredAt = lots.reduce((a, l) => (l.receivedOn! > a ? l.receivedOn! : a), lots[0]!.receivedOn!);
    await setStage(tx, ctx, deal.id, "shipped", { state: "done" });
    await setStage(tx, ctx, deal.id, "delivered", { state: "done", actualDate: deliveredAt });
    await setStage(tx, ctx, deal.id, "closed", { state: "active" });
    const row = await updateDeal(tx, ctx, deal, { stage: "delivered", deliveredAt, deliveredQuantity: summary.received });
    await refreshDeliveryRecord(tx, deal.supplierOrgId, ctx);
    await recordHappening(tx, ctx, deal, side, {
      stage: "delivered",
      action: "delivered",
      changes: { deliveredAt, deliveredQuantity: summary.received, onTime: deliveredAt <= deal.dueDate },
    });
    return dealResult(row);
  });
}
