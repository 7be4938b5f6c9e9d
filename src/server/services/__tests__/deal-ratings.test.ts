import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { advanceDeal, callerFor, createDeal, createMember } from "@/test/factories";
import { dealRatings, deliveryRecords, notifications } from "../../db/schema";

/** Ratings after delivery, once per side, and the supplier's delivery record (docs/deals.md). */
describeEachDb("deal ratings and delivery records", (t) => {
  it("rates once per side after delivery and keeps the supplier's record; figures computed by hand", async () => {
    const supplier = await createMember(t.db, { type: "sme", nameZh: "即墨评价测试针织有限公司" });
    const buyer = await createMember(t.db, { type: "anchor", nameZh: "鲁纺评价测试集团有限公司" });
    const centre = await createMember(t.db, { type: "service_center" });
    const sc = await callerFor(t.db, supplier.userId);
    const bc = await callerFor(t.db, buyer.userId);
    const anyone = await callerFor(t.db, null);
    const base = { buyer, supplier, awardedOn: "2030-06-01", leadTimeDays: 30, samplesWanted: false } as const;

    // Nothing delivered yet: an empty record, for anyone to read.
    expect(await anyone.organization.deliveryRecord({ organizationId: supplier.organizationId })).toEqual({
      organizationId: supplier.organizationId,
      deliveredDeals: 0,
      onTimeDeals: 0,
      onTimeRate: null,
      ratings: 0,
      avgOnTime: null,
      avgQuality: null,
      avgCommunication: null,
      avgOverall: null,
    });

    // Deal 1: due 1 July, delivered 28 June (on time). Deal 2: delivered 5 July (late). Deal 3: cancelled.
    const d1 = await createDeal(t.db, { ...base, introducedByOrgId: centre.organizationId });
    const d2 = await createDeal(t.db, base);
    const d3 = await createDeal(t.db, base);
    await expect(bc.deal.rate({ dealId: d1.dealId, onTime: 5, quality: 5, communication: 5 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.notDelivered" });
    await advanceDeal(t.db, d1, "delivered", { shippedOn: "2030-06-26", receivedOn: "2030-06-28" });
    await advanceDeal(t.db, d2, "delivered", { shippedOn: "2030-07-03", receivedOn: "2030-07-05" });
    await bc.deal.cancel({ dealId: d3.dealId, reason: "改单" });
    await expect(bc.deal.rate({ dealId: d3.dealId, onTime: 1, quality: 1, communication: 1 })).rejects.toMatchObject({ message: "deals.errors.notDelivered" });

    // Out of range: refused by the shared schema.
    await expect(bc.deal.rate({ dealId: d1.dealId, onTime: 6, quality: 5, communication: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // The introducing service centre reads, it does not rate.
    await expect((await callerFor(t.db, centre.userId)).deal.rate({ dealId: d1.dealId, onTime: 5, quality: 5, communication: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const r1 = await bc.deal.rate({ dealId: d1.dealId, onTime: 5, quality: 4, communication: 5, comment: "交期准，质量稳定" });
    expect(r1).toMatchObject({ side: "buyer", onTime: 5, quality: 4, communication: 5, comment: "交期准，质量稳定" });
    await expect(bc.deal.rate({ dealId: d1.dealId, onTime: 1, quality: 1, communication: 1 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyRated" });
    // The supplier rates the buyer too; that is not part of the buyer's record as a supplier.
    await sc.deal.rate({ dealId: d1.dealId, onTime: 3, quality: 3, communication: 3, comment: "付款略慢" });
    await expect(sc.deal.rate({ dealId: d1.dealId, onTime: 3, quality: 3, communication: 3 })).rejects.toMatchObject({ message: "deals.errors.alreadyRated" });
    // After closing the deal a rating may still come.
    await bc.deal.close({ dealId: d2.dealId });
    await bc.deal.rate({ dealId: d2.dealId, onTime: 3, quality: 4, communication: 2 });

    // Delivered 2 (d1, d2), on time 1 (d1) → 50%; ratings 2: on time (5+3)/2 = 4, quality (4+4)/2 = 4,
    // communication (5+2)/2 = 3.5; overall (4+4+3.5)/3 = 3.8333…
    const record = await anyone.organization.deliveryRecord({ organizationId: supplier.organizationId });
    expect(record).toMatchObject({ deliveredDeals: 2, onTimeDeals: 1, onTimeRate: 0.5, ratings: 2, avgOnTime: 4, avgQuality: 4, avgCommunication: 3.5 });
    expect(record.avgOverall).toBeCloseTo(3.8333, 4);
    const [row] = await t.db.select().from(deliveryRecords).where(eq(deliveryRecords.organizationId, supplier.organizationId));
    expect(row).toMatchObject({ deliveredDeals: 2, onTimeDeals: 1, ratings: 2, avgOnTime: 4, avgQuality: 4, avgCommunication: 3.5 });
    expect(await anyone.organization.deliveryRecord({ organizationId: buyer.organizationId })).toMatchObject({ deliveredDeals: 0, ratings: 0, avgOverall: null });

    // Both ratings on the deal page, for both sides and the introducer.
    const page = await (await callerFor(t.db, centre.userId)).deal.get({ dealId: d1.dealId });
    expect(page.ratings.map((r) => [r.side, r.onTime, r.quality, r.communication, r.comment]).sort()).toEqual([
      ["buyer", 5, 4, 5, "交期准，质量稳定"],
      ["supplier", 3, 3, 3, "付款略慢"],
    ]);
    expect((await bc.deal.get({ dealId: d1.dealId })).actions.rate).toBe(false);
    expect((await bc.deal.get({ dealId: d2.dealId })).actions.rate).toBe(false);
    expect(await t.db.select().from(dealRatings).where(eq(dealRatings.dealId, d1.dealId))).toHaveLength(2);

    // The ratee hears of it, with the rater's name and the scores.
    const notes = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, supplier.userId), eq(notifications.kind, "ratingReceived")));
    expect(notes.map((n) => n.params)).toEqual(
      expect.arrayContaining([
        { from: "鲁纺评价测试集团有限公司", deal: d1.deal.title, onTime: 5, quality: 4, communication: 5 },
        { from: "鲁纺评价测试集团有限公司", deal: d2.deal.title, onTime: 3, quality: 4, communication: 2 },
      ]),
    );
    const toBuyer = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, buyer.userId), eq(notifications.kind, "ratingReceived")));
    expect(toBuyer.map((n) => n.params)).toEqual([{ from: "即墨评价测试针织有限公司", deal: d1.deal.title, onTime: 3, quality: 3, communication: 3 }]);

    await expect(anyone.organization.deliveryRecord({ organizationId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("counts two deliveries committed at the same time", async () => {
    const supplier = await createMember(t.db);
    const buyer = await createMember(t.db, { type: "anchor" });
    const base = { buyer, supplier, awardedOn: "2030-06-01", leadTimeDays: 30, samplesWanted: false } as const;
    const deals = [await createDeal(t.db, base), await createDeal(t.db, base)];
    const bc = await callerFor(t.db, buyer.userId);
    const sc = await callerFor(t.db, supplier.userId);
    for (const d of deals) {
      await advanceDeal(t.db, d, "shipped");
      const { shipmentId } = await sc.deal.ship({ dealId: d.dealId, quantity: 1000, shippedOn: "2030-06-25" });
      await bc.deal.receive({ dealId: d.dealId, shipmentId, receivedOn: "2030-06-26" });
    }
    await Promise.all(deals.map((d) => bc.deal.confirmDelivery({ dealId: d.dealId })));
    await Promise.all(deals.map((d, i) => bc.deal.rate({ dealId: d.dealId, onTime: 5 - i, quality: 5, communication: 4 })));
    expect(await bc.organization.deliveryRecord({ organizationId: supplier.organizationId })).toMatchObject({
      deliveredDeals: 2,
      onTimeDeals: 2,
      onTimeRate: 1,
      ratings: 2,
      avgOnTime: 4.5,
      avgQuality: 5,
      avgCommunication: 4,
    });
  });
});
