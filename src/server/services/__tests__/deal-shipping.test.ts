import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { advanceDeal, callerFor, createDeal } from "@/test/factories";
import { auditLog, deals, dealStages, deliveryRecords } from "../../db/schema";

/** Shipments, receipts, the ±3% tolerance and delivery (docs/deals.md). Ordered 1,000 m, due 2030-07-01. */
describeEachDb("deal shipping and delivery", (t) => {
  const newDeal = async () => {
    const d = await createDeal(t.db, { awardedOn: "2030-06-01", leadTimeDays: 30, quantity: 1000, samplesWanted: false });
    return { ...d, buyerC: await callerFor(t.db, d.buyer.userId), supplierC: await callerFor(t.db, d.supplier.userId) };
  };

  it("ships in lots, receives each, confirms within the tolerance, then closes", async () => {
    const d = await newDeal();
    const { buyerC: buyer, supplierC: supplier, dealId } = d;
    // Not before inspection is approved.
    await expect(supplier.deal.ship({ dealId, quantity: 100, shippedOn: "2030-06-20" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });
    await advanceDeal(t.db, d, "shipped");
    await expect(buyer.deal.ship({ dealId, quantity: 100, shippedOn: "2030-06-20" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "deals.errors.notYourTurn" });
    await expect(buyer.deal.confirmDelivery({ dealId })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.shipmentsPending" });

    const first = await supplier.deal.ship({ dealId, quantity: 600, shippedOn: "2030-06-27", carrier: "德邦物流", trackingNo: "DB123" });
    const second = await supplier.deal.ship({ dealId, quantity: 390, shippedOn: "2030-06-29" });
    await expect(supplier.deal.receive({ dealId, shipmentId: first.shipmentId, receivedOn: "2030-06-28" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(buyer.deal.receive({ dealId, shipmentId: first.shipmentId, receivedOn: "2030-06-26" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "deals.errors.receivedBeforeShipped",
    });
    await expect(buyer.deal.receive({ dealId, shipmentId: "00000000-0000-4000-8000-000000000000", receivedOn: "2030-06-28" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "deals.errors.shipmentNotFound",
    });
    await buyer.deal.receive({ dealId, shipmentId: first.shipmentId, receivedOn: "2030-06-28" });
    await expect(buyer.deal.receive({ dealId, shipmentId: first.shipmentId, receivedOn: "2030-06-28" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyReceived" });
    // One lot still on its way: neither a decision nor a confirmation yet.
    await expect(buyer.deal.confirmDelivery({ dealId })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.shipmentsPending" });
    let got = await buyer.deal.get({ dealId });
    expect(got.shipping).toEqual({ shipped: 990, received: 600, inTransit: 1, shipments: 2, band: { min: 970, max: 1030 }, withinTolerance: false, needsDecision: false, canConfirm: false });
    expect(got.actions).toMatchObject({ receive: true, confirmDelivery: false, decideQuantity: false, ship: false });
    expect(got.deal.deliveredQuantity).toBe(600);
    expect(got.shipments.map((s) => [s.quantity, s.shippedOn, s.carrier, s.trackingNo, s.receivedOn])).toEqual([
      [600, "2030-06-27", "德邦物流", "DB123", "2030-06-28"],
      [390, "2030-06-29", null, null, null],
    ]);

    await buyer.deal.receive({ dealId, shipmentId: second.shipmentId, receivedOn: "2030-06-30" });
    got = await buyer.deal.get({ dealId });
    // 990 of 1,000 is within ±3% (970–1,030): no decision, delivery can be confirmed.
    expect(got.shipping).toMatchObject({ received: 990, inTransit: 0, withinTolerance: true, needsDecision: false, canConfirm: true });
    expect(got.actions).toMatchObject({ confirmDelivery: true, decideQuantity: false, close: false, rate: false });
    await expect(buyer.deal.decideQuantity({ dealId, decision: "accepted" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.noDecisionNeeded" });
    await expect(supplier.deal.confirmDelivery({ dealId })).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await buyer.deal.confirmDelivery({ dealId })).toMatchObject({ stage: "delivered", status: "active" });
    got = await buyer.deal.get({ dealId });
    expect(got.deal).toMatchObject({ deliveredAt: "2030-06-30", deliveredQuantity: 990, dueDate: "2030-07-01" });
    const stages = Object.fromEntries(got.stages.map((s) => [s.stage, [s.state, s.actualDate]]));
    expect(stages).toMatchObject({ shipped: ["done", "2030-06-27"], delivered: ["done", "2030-06-30"], closed: ["active", null] });
    // The supplier's record counts it, on time (30 June ≤ 1 July).
    const [record] = await t.db.select().from(deliveryRecords).where(eq(deliveryRecords.organizationId, d.supplier.organizationId));
    expect(record).toMatchObject({ deliveredDeals: 1, onTimeDeals: 1, ratings: 0 });
    await expect(buyer.deal.cancel({ dealId, reason: "交付后取消" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyDelivered" });
    await expect(supplier.deal.ship({ dealId, quantity: 10, shippedOn: "2030-07-02" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });

    await expect(supplier.deal.close({ dealId })).rejects.toMatchObject({ code: "FORBIDDEN", message: "deals.errors.notYourTurn" });
    expect(await buyer.deal.close({ dealId })).toMatchObject({ stage: "closed", status: "closed" });
    await expect(buyer.deal.close({ dealId })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.dealClosed" });
    const [closedStage] = await t.db.select().from(dealStages).where(and(eq(dealStages.dealId, dealId), eq(dealStages.stage, "closed")));
    expect(closedStage!.state).toBe("done");
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.entityId, dealId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["deal.shipped", "deal.received", "deal.delivered", "deal.closed"]));
  });

  it("refuses to close before delivery", async () => {
    const d = await newDeal();
    await expect(d.buyerC.deal.close({ dealId: d.dealId })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.notDelivered" });
  });

  it("short beyond the tolerance: rejected keeps it shipped, the rest ships and clears the decision", async () => {
    const d = await newDeal();
    const { buyerC: buyer, supplierC: supplier, dealId } = d;
    await advanceDeal(t.db, d, "shipped");
    const lot = await supplier.deal.ship({ dealId, quantity: 900, shippedOn: "2030-06-28" });
    await buyer.deal.receive({ dealId, shipmentId: lot.shipmentId, receivedOn: "2030-06-29" });
    // 900 < 970: the buyer must decide first.
    expect((await buyer.deal.get({ dealId })).shipping).toMatchObject({ withinTolerance: false, needsDecision: true, canConfirm: false });
    await expect(buyer.deal.confirmDelivery({ dealId })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.toleranceDecision", cause: { params: { tolerance: 3 } } });
    await expect(supplier.deal.decideQuantity({ dealId, decision: "accepted" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await buyer.deal.decideQuantity({ dealId, decision: "rejected", comment: "请补发 100 米" })).toMatchObject({ stage: "shipped" });
    let got = await buyer.deal.get({ dealId });
    expect(got.deal.quantityDecision).toBe("rejected");
    expect(got.shipping).toMatchObject({ needsDecision: true, canConfirm: false });
    await expect(buyer.deal.confirmDelivery({ dealId })).rejects.toMatchObject({ message: "deals.errors.toleranceDecision" });

    const rest = await supplier.deal.ship({ dealId, quantity: 95, shippedOn: "2030-07-03" });
    expect((await buyer.deal.get({ dealId })).deal.quantityDecision).toBeNull();
    await buyer.deal.receive({ dealId, shipmentId: rest.shipmentId, receivedOn: "2030-07-04" });
    got = await buyer.deal.get({ dealId });
    expect(got.shipping).toMatchObject({ received: 995, withinTolerance: true, canConfirm: true });
    await buyer.deal.confirmDelivery({ dealId });
    const [row] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    // Delivered on the last receipt, after the due date: late.
    expect(row).toMatchObject({ stage: "delivered", deliveredAt: "2030-07-04", deliveredQuantity: 995 });
    const [record] = await t.db.select().from(deliveryRecords).where(eq(deliveryRecords.organizationId, d.supplier.organizationId));
    expect(record).toMatchObject({ deliveredDeals: 1, onTimeDeals: 0 });
    const events = got.events.map((e) => `${e.action}:${e.comment ?? ""}`);
    expect(events).toContain("rejected:请补发 100 米");
  });

  it("over beyond the tolerance: accepted lets the buyer confirm", async () => {
    const d = await newDeal();
    const { buyerC: buyer, supplierC: supplier, dealId } = d;
    await advanceDeal(t.db, d, "shipped");
    const lot = await supplier.deal.ship({ dealId, quantity: 1100, shippedOn: "2030-06-28" });
    await buyer.deal.receive({ dealId, shipmentId: lot.shipmentId, receivedOn: "2030-06-29" });
    expect((await buyer.deal.get({ dealId })).actions).toMatchObject({ decideQuantity: true, confirmDelivery: false });
    await buyer.deal.decideQuantity({ dealId, decision: "accepted", comment: "多出部分照单全收" });
    const got = await buyer.deal.get({ dealId });
    expect(got.shipping).toMatchObject({ received: 1100, withinTolerance: false, needsDecision: false, canConfirm: true });
    await buyer.deal.confirmDelivery({ dealId });
    expect((await buyer.deal.get({ dealId })).deal).toMatchObject({ stage: "delivered", deliveredQuantity: 1100, quantityDecision: "accepted" });
  });

  it("records invoices and payments; the supplier confirms receipt; the balance counts confirmed money", async () => {
    const d = await createDeal(t.db, { quantity: 1000, unitPriceFen: 1250 });
    const buyer = await callerFor(t.db, d.buyer.userId);
    const supplier = await callerFor(t.db, d.supplier.userId);
    const dealId = d.dealId;
    await expect(buyer.deal.addInvoice({ dealId, number: "NO.001", invoiceType: "vat_special", amount: 100, issuedOn: "2030-06-01" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const inv = await supplier.deal.addInvoice({ dealId, number: "NO.001", invoiceType: "vat_special", amount: 6250.5, issuedOn: "2030-06-01", dueOn: "2030-07-01" });
    expect(inv).toMatchObject({ number: "NO.001", amountFen: 625_050, dueOn: "2030-07-01" });
    await expect(supplier.deal.addInvoice({ dealId, number: "NO.001", invoiceType: "vat_ordinary", amount: 1, issuedOn: "2030-06-02" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "deals.errors.invoiceNumberTaken",
    });
    await expect(supplier.deal.addPayment({ dealId, amount: 100, paidOn: "2030-06-02", method: "bank_transfer" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const p1 = await buyer.deal.addPayment({ dealId, amount: 5000, paidOn: "2030-06-02", method: "bank_transfer", reference: "工行 8899" });
    const p2 = await buyer.deal.addPayment({ dealId, amount: 1250.5, paidOn: "2030-06-03", method: "acceptance_bill" });
    await expect(buyer.deal.addPayment({ dealId, amount: 0, paidOn: "2030-06-03", method: "other" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    let got = await supplier.deal.get({ dealId });
    expect(got.actions).toMatchObject({ confirmPayment: true, addInvoice: true, addPayment: false });
    // 1,000 m × ¥12.50 = ¥12,500.00; nothing confirmed yet.
    expect(got.money).toEqual({ invoicedFen: 625_050, paidFen: 625_050, confirmedFen: 0, balanceFen: 1_250_000 });
    await expect(buyer.deal.confirmPayment({ dealId, paymentId: p1.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await supplier.deal.confirmPayment({ dealId, paymentId: p1.id });
    await expect(supplier.deal.confirmPayment({ dealId, paymentId: p1.id })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.paymentConfirmed" });
    await expect(supplier.deal.confirmPayment({ dealId, paymentId: inv.id })).rejects.toMatchObject({ code: "NOT_FOUND", message: "deals.errors.paymentNotFound" });
    got = await buyer.deal.get({ dealId });
    expect(got.money).toEqual({ invoicedFen: 625_050, paidFen: 625_050, confirmedFen: 500_000, balanceFen: 750_000 });
    expect(got.payments.map((p) => [p.id, p.confirmedAt !== null])).toEqual([
      [p1.id, true],
      [p2.id, false],
    ]);
    expect(got.events.map((e) => e.action)).toEqual(["invoice", "payment", "payment", "paymentConfirmed"]);
    // Cancelled: no more money on it.
    await buyer.deal.cancel({ dealId, reason: "双方协商取消" });
    await expect(buyer.deal.addPayment({ dealId, amount: 1, paidOn: "2030-06-04", method: "other" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.dealClosed" });
  });
});
