import { and, eq, like } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createDeal } from "@/test/factories";
import { messageOutbox, notifications } from "../../db/schema";
import { runAlerts } from "../alerts";

/**
 * Late stages: flagged in deal.get / deal.list and notified to both sides once per stage by the
 * alerts pass. Awarded 2030-01-01 with 30 days' lead time, samples wanted, the plan is: samples
 * 01-03, lab dip 01-05, pre-production sample 01-07, bulk 01-26, inspection 01-28, shipped 01-29,
 * delivered (due) 01-31. A fresh database: the pass looks at every deal.
 */
describeEachDb(
  "late deal stages",
  (t) => {
    const at = (day: string) => new Date(`${day}T04:00:00Z`); // noon in China
    const lateNotes = (userId: string, dealId: string) =>
      t.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.kind, "dealStageLate"), like(notifications.dedupeKey, `dealStageLate:${dealId}:%`)));

    it("flags late stages on the pages and notifies both sides once per stage", async () => {
      const d = await createDeal(t.db, { awardedOn: "2030-01-01", leadTimeDays: 30, samplesWanted: true });
      const cancelled = await createDeal(t.db, { awardedOn: "2029-12-01", leadTimeDays: 10 });
      const noSamples = await createDeal(t.db, { awardedOn: "2030-01-01", leadTimeDays: 30, samplesWanted: false });
      await (await callerFor(t.db, cancelled.buyer.userId)).deal.cancel({ dealId: cancelled.dealId, reason: "取消" });

      const buyer = await callerFor(t.db, d.buyer.userId, { now: at("2030-01-06") });
      const got = await buyer.deal.get({ dealId: d.dealId });
      expect(got.stages.filter((s) => s.late).map((s) => s.stage)).toEqual(["samples", "lab_dip"]);
      expect(got.late).toBe(true);
      const [listed] = await buyer.deal.list();
      expect(listed).toMatchObject({ id: d.dealId, late: true, lateStages: ["samples", "lab_dip"] });

      const first = await runAlerts(t.db, { now: at("2030-01-06") });
      expect(first).toMatchObject({ lateDealStages: 2, failures: 0 });
      for (const user of [d.buyer.userId, d.supplier.userId]) {
        const notes = await lateNotes(user, d.dealId);
        expect(notes.map((n) => (n.params as { stage: string }).stage).sort()).toEqual(["lab_dip", "samples"]);
        expect(notes.find((n) => (n.params as { stage: string }).stage === "samples")).toMatchObject({ params: { deal: d.deal.title, stage: "samples", planned: "2030-01-03" }, link: `/deals/${d.dealId}` });
      }
      // By e-mail too (the kind's default), in the recipient's language.
      const mails = await t.db.select().from(messageOutbox).where(eq(messageOutbox.recipient, d.supplier.email));
      expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringContaining(`订单「${d.deal.title}」的「打色」已逾期`)]));
      // Nothing else was late: the cancelled deal and the deal without samples stay quiet.
      expect(await lateNotes(cancelled.buyer.userId, cancelled.dealId)).toEqual([]);
      expect(await lateNotes(noSamples.buyer.userId, noSamples.dealId)).toEqual([]);

      // Again the same day, and concurrently: nobody is told twice.
      const again = await Promise.all([runAlerts(t.db, { now: at("2030-01-06") }), runAlerts(t.db, { now: at("2030-01-06") })]);
      expect(again.map((r) => r.lateDealStages)).toEqual([0, 0]);
      expect(await lateNotes(d.buyer.userId, d.dealId)).toHaveLength(2);

      // Two days on the pre-production sample is late too: one more per side.
      expect((await runAlerts(t.db, { now: at("2030-01-08") })).lateDealStages).toBe(1);
      expect(await lateNotes(d.supplier.userId, d.dealId)).toHaveLength(3);

      // The supplier submits the samples and the buyer approves: no longer late.
      const supplier = await callerFor(t.db, d.supplier.userId, { now: at("2030-01-08") });
      await supplier.deal.act({ dealId: d.dealId, stage: "samples", action: "submit" });
      await (await callerFor(t.db, d.buyer.userId, { now: at("2030-01-08") })).deal.act({ dealId: d.dealId, stage: "samples", action: "approve" });
      // The lab dip is moved to the 10th: not late on the 8th; late again (and told again) on the 11th.
      await supplier.deal.plan({ dealId: d.dealId, stage: "lab_dip", plannedDate: "2030-01-10" });
      const moved = await supplier.deal.get({ dealId: d.dealId });
      expect(moved.stages.filter((s) => s.late).map((s) => s.stage)).toEqual(["pp_sample"]);
      expect((await runAlerts(t.db, { now: at("2030-01-09") })).lateDealStages).toBe(0);
      expect((await runAlerts(t.db, { now: at("2030-01-11") })).lateDealStages).toBe(1);
      const labDip = (await lateNotes(d.buyer.userId, d.dealId)).filter((n) => (n.params as { stage: string }).stage === "lab_dip");
      expect(labDip.map((n) => (n.params as { planned: string }).planned).sort()).toEqual(["2030-01-05", "2030-01-10"]);
    });

    it("does not flag goods shipped by the planned date while they travel", async () => {
      const d = await createDeal(t.db, { awardedOn: "2030-03-01", leadTimeDays: 30, samplesWanted: false });
      const supplier = await callerFor(t.db, d.supplier.userId, { now: at("2030-03-20") });
      const buyer = await callerFor(t.db, d.buyer.userId, { now: at("2030-03-20") });
      await supplier.deal.act({ dealId: d.dealId, stage: "bulk", action: "complete" });
      await supplier.deal.act({ dealId: d.dealId, stage: "inspection", action: "submit" });
      await buyer.deal.act({ dealId: d.dealId, stage: "inspection", action: "approve" });
      // Shipped planned 03-29: shipped on the 28th, still travelling on the 30th.
      await supplier.deal.ship({ dealId: d.dealId, quantity: 1000, shippedOn: "2030-03-28" });
      const later = await callerFor(t.db, d.buyer.userId, { now: at("2030-03-30") });
      expect((await later.deal.get({ dealId: d.dealId })).stages.filter((s) => s.late)).toEqual([]);
      await runAlerts(t.db, { now: at("2030-03-30") });
      expect(await lateNotes(d.buyer.userId, d.dealId)).toEqual([]);
      // Past the due date (03-31) undelivered: the delivery is late.
      await runAlerts(t.db, { now: at("2030-04-02") });
      expect((await lateNotes(d.buyer.userId, d.dealId)).map((n) => (n.params as { stage: string }).stage)).toEqual(["delivered"]);
    });
  },
  { fresh: true },
);
