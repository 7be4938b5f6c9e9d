import { and, asc, eq, like } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createDeal, createMember } from "@/test/factories";
import { auditLog, dealEvents, deals, dealStages, notifications } from "../../db/schema";

/** Stage actions on deals (docs/deals.md): who may do what, when, and what it leaves behind. */
describeEachDb("deal stages", (t) => {
  const stageStates = async (dealId: string) =>
    Object.fromEntries((await t.db.select().from(dealStages).where(eq(dealStages.dealId, dealId))).map((s) => [s.stage, s.state]));
  const eventsOf = (dealId: string) => t.db.select().from(dealEvents).where(eq(dealEvents.dealId, dealId)).orderBy(asc(dealEvents.createdAt), asc(dealEvents.id));
  const notesFor = (userId: string, dealId: string) =>
    t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.link, `/deals/${dealId}`)))
      .orderBy(asc(notifications.createdAt));

  it("walks the samples: submit, return with a comment, resubmit, approve; skip; bulk; inspection → shipped", async () => {
    const d = await createDeal(t.db);
    const buyer = await callerFor(t.db, d.buyer.userId);
    const supplier = await callerFor(t.db, d.supplier.userId);
    const id = d.dealId;
    expect(await stageStates(id)).toMatchObject({ samples: "active", lab_dip: "pending", pp_sample: "pending", bulk: "pending" });

    // The supplier submits the cut samples; the buyer sends them back with a comment.
    await supplier.deal.act({ dealId: id, stage: "samples", action: "submit" });
    // Only with a comment.
    await expect(buyer.deal.act({ dealId: id, stage: "samples", action: "return" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: "validation.required" });
    await buyer.deal.act({ dealId: id, stage: "samples", action: "return", comment: "颜色偏深，请重打" });
    let got = await buyer.deal.get({ dealId: id });
    expect(got.stages.find((s) => s.stage === "samples")).toMatchObject({ state: "returned", comment: "颜色偏深，请重打", actualDate: null });
    // The buyer may still waive the samples; the supplier's turn is to resubmit.
    expect(got.actions.stage).toEqual(["skip"]);
    expect((await supplier.deal.get({ dealId: id })).actions.stage).toEqual(["submit"]);
    // Returned: the buyer cannot approve what is not resubmitted; the supplier resubmits, the buyer approves.
    await expect(buyer.deal.act({ dealId: id, stage: "samples", action: "approve" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });
    await supplier.deal.act({ dealId: id, stage: "samples", action: "submit", comment: "已按要求重打" });
    const approved = await buyer.deal.act({ dealId: id, stage: "samples", action: "approve", actualDate: "2030-01-05" });
    expect(approved).toMatchObject({ stage: "lab_dip", status: "active", version: 5 });
    got = await buyer.deal.get({ dealId: id });
    expect(got.stages.find((s) => s.stage === "samples")).toMatchObject({ state: "done", actualDate: "2030-01-05" });
    expect(got.deal.stage).toBe("lab_dip");

    // The buyer waives the lab dip: skipped, the pre-production sample is next.
    await expect(supplier.deal.act({ dealId: id, stage: "lab_dip", action: "skip" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "deals.errors.notYourTurn" });
    await buyer.deal.act({ dealId: id, stage: "lab_dip", action: "skip", comment: "沿用上季色号" });
    await supplier.deal.act({ dealId: id, stage: "pp_sample", action: "submit" });
    await buyer.deal.act({ dealId: id, stage: "pp_sample", action: "approve" });

    // Bulk: only the supplier completes it; inspection is submitted and approved like a sample.
    await expect(buyer.deal.act({ dealId: id, stage: "bulk", action: "complete" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "deals.errors.notYourTurn" });
    await supplier.deal.act({ dealId: id, stage: "bulk", action: "complete" });
    await supplier.deal.act({ dealId: id, stage: "inspection", action: "submit" });
    // Inspection cannot be skipped by anyone.
    await expect(buyer.deal.act({ dealId: id, stage: "inspection", action: "skip" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });
    const shipped = await buyer.deal.act({ dealId: id, stage: "inspection", action: "approve" });
    expect(shipped.stage).toBe("shipped");
    expect(await stageStates(id)).toEqual({
      samples: "done",
      lab_dip: "skipped",
      pp_sample: "done",
      bulk: "done",
      inspection: "done",
      shipped: "active",
      delivered: "pending",
      closed: "pending",
    });
    // `act` has nothing to do at shipped: shipments are their own operation.
    await expect(supplier.deal.act({ dealId: id, stage: "shipped", action: "complete" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });

    // History: every action as an event with the acting side, an audit row each, the counterpart told each time.
    const events = await eventsOf(id);
    expect(events.map((e) => `${e.stage}:${e.action}`)).toEqual([
      "samples:submit",
      "samples:return",
      "samples:submit",
      "samples:approve",
      "lab_dip:skip",
      "pp_sample:submit",
      "pp_sample:approve",
      "bulk:complete",
      "inspection:submit",
      "inspection:approve",
    ]);
    expect(events[1]).toMatchObject({ actorOrgId: d.buyer.organizationId, actorUserId: d.buyer.userId, comment: "颜色偏深，请重打" });
    expect(events[0]!.actorOrgId).toBe(d.supplier.organizationId);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityType, "deal"), eq(auditLog.entityId, id)));
    expect(audits).toHaveLength(10);
    expect(audits.find((a) => a.action === "deal.return")!.changes).toMatchObject({ stage: "samples", comment: "颜色偏深，请重打", state: ["submitted", "returned"] });
    const toSupplier = await notesFor(d.supplier.userId, id);
    const toBuyer = await notesFor(d.buyer.userId, id);
    expect(toSupplier.map((n) => (n.params as { action: string }).action)).toEqual(["return", "approve", "skip", "approve", "approve"]);
    expect(toBuyer.map((n) => (n.params as { action: string }).action)).toEqual(["submit", "submit", "submit", "complete", "submit"]);
    expect(toSupplier[0]).toMatchObject({ kind: "dealStageChanged", params: { deal: d.deal.title, stage: "samples", action: "return", comment: "颜色偏深，请重打" } });
    expect(got.events.find((e) => e.action === "return")).toMatchObject({ side: "buyer", actorName: "测试用户" });
  });

  it("refuses an action on another stage than the current one, and on a finished deal", async () => {
    const d = await createDeal(t.db, { samplesWanted: false });
    const supplier = await callerFor(t.db, d.supplier.userId);
    const buyer = await callerFor(t.db, d.buyer.userId);
    // No samples wanted: the sample stages start skipped and the deal at bulk.
    expect(await stageStates(d.dealId)).toMatchObject({ samples: "skipped", lab_dip: "skipped", pp_sample: "skipped", bulk: "active" });
    await expect(supplier.deal.act({ dealId: d.dealId, stage: "samples", action: "submit" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.wrongStage" });
    await expect(supplier.deal.act({ dealId: d.dealId, stage: "inspection", action: "submit" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.wrongStage" });
    await buyer.deal.cancel({ dealId: d.dealId, reason: "客户取消订单" });
    await expect(supplier.deal.act({ dealId: d.dealId, stage: "bulk", action: "complete" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.dealClosed" });
    await expect(buyer.deal.plan({ dealId: d.dealId, stage: "bulk", plannedDate: "2099-01-01" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.dealClosed" });
  });

  it("cancels with a reason (either side, before delivery), telling the other side", async () => {
    const d = await createDeal(t.db);
    const supplier = await callerFor(t.db, d.supplier.userId);
    // A reason is required (the shared schema).
    await expect(supplier.deal.cancel({ dealId: d.dealId, reason: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const r = await supplier.deal.cancel({ dealId: d.dealId, reason: "原料涨价，无法按报价生产" });
    expect(r).toMatchObject({ status: "cancelled", stage: "samples" });
    const [row] = await t.db.select().from(deals).where(eq(deals.id, d.dealId));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "原料涨价，无法按报价生产" });
    const [note] = await notesFor(d.buyer.userId, d.dealId);
    expect(note).toMatchObject({ kind: "dealStageChanged", params: { action: "cancelled", comment: "原料涨价，无法按报价生产" } });
    await expect(supplier.deal.cancel({ dealId: d.dealId, reason: "再取消一次" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.dealClosed" });
    expect((await supplier.deal.get({ dealId: d.dealId })).actions).toMatchObject({ cancel: false, stage: [] });
  });

  it("moves planned dates (either side, stages still to do), keeping the due date", async () => {
    const d = await createDeal(t.db, { awardedOn: "2030-03-01", leadTimeDays: 30 });
    const supplier = await callerFor(t.db, d.supplier.userId, { now: new Date("2030-03-02T02:00:00Z") });
    const buyer = await callerFor(t.db, d.buyer.userId, { now: new Date("2030-03-02T02:00:00Z") });
    expect(d.dueDate).toBe("2030-03-31");
    await supplier.deal.plan({ dealId: d.dealId, stage: "bulk", plannedDate: "2030-03-28" });
    await buyer.deal.plan({ dealId: d.dealId, stage: "delivered", plannedDate: "2030-04-05" });
    const got = await buyer.deal.get({ dealId: d.dealId });
    expect(got.stages.find((s) => s.stage === "bulk")!.plannedDate).toBe("2030-03-28");
    expect(got.stages.find((s) => s.stage === "delivered")!.plannedDate).toBe("2030-04-05");
    expect(got.deal.dueDate).toBe("2030-03-31");
    expect(got.events.map((e) => [e.action, e.stage, e.comment, e.side])).toEqual([
      ["plan", "bulk", "2030-03-26 → 2030-03-28", "supplier"],
      ["plan", "delivered", "2030-03-31 → 2030-04-05", "buyer"],
    ]);
    // The same date again changes nothing; a finished stage's date stays.
    const before = got.deal.version;
    expect((await buyer.deal.plan({ dealId: d.dealId, stage: "bulk", plannedDate: "2030-03-28" })).version).toBe(before);
    await supplier.deal.act({ dealId: d.dealId, stage: "samples", action: "submit" });
    await buyer.deal.act({ dealId: d.dealId, stage: "samples", action: "approve" });
    await expect(buyer.deal.plan({ dealId: d.dealId, stage: "samples", plannedDate: "2030-03-09" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });
    await expect(buyer.deal.plan({ dealId: d.dealId, stage: "closed", plannedDate: "2030-05-01" })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.stageAction" });
  });

  it("acts once when the same action is clicked twice at the same time", async () => {
    const d = await createDeal(t.db);
    const supplier = await callerFor(t.db, d.supplier.userId);
    const buyer = await callerFor(t.db, d.buyer.userId);
    await supplier.deal.act({ dealId: d.dealId, stage: "samples", action: "submit" });
    // Two approvals at once (on PostgreSQL from two pool connections; PGlite serialises them).
    const results = await Promise.allSettled([
      buyer.deal.act({ dealId: d.dealId, stage: "samples", action: "approve" }),
      buyer.deal.act({ dealId: d.dealId, stage: "samples", action: "approve" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === "rejected");
    expect((lost as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT", message: "deals.errors.wrongStage" });
    expect(await stageStates(d.dealId)).toMatchObject({ samples: "done", lab_dip: "active", pp_sample: "pending" });
    const [row] = await t.db.select().from(deals).where(eq(deals.id, d.dealId));
    expect(row).toMatchObject({ stage: "lab_dip", version: 3 });
    expect((await eventsOf(d.dealId)).filter((e) => e.action === "approve")).toHaveLength(1);

    // Two submissions at once: one submits, the other finds it already submitted.
    const twice = await Promise.allSettled([
      supplier.deal.act({ dealId: d.dealId, stage: "lab_dip", action: "submit" }),
      supplier.deal.act({ dealId: d.dealId, stage: "lab_dip", action: "submit" }),
    ]);
    expect(twice.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((await eventsOf(d.dealId)).filter((e) => e.stage === "lab_dip")).toHaveLength(1);
  });

  it("lets an introducing service centre read the deal but not act; strangers and other members see nothing", async () => {
    const centre = await createMember(t.db, { type: "service_center" });
    const d = await createDeal(t.db, { introducedByOrgId: centre.organizationId });
    const c = await callerFor(t.db, centre.userId);
    const got = await c.deal.get({ dealId: d.dealId });
    expect(got.viewer).toBe("introducer");
    expect(got.introducer?.id).toBe(centre.organizationId);
    expect(Object.values(got.actions).every((v) => v === false || (Array.isArray(v) && v.length === 0))).toBe(true);
    expect((await c.deal.list({ side: "introduced" })).map((x) => x.id)).toEqual([d.dealId]);
    await expect(c.deal.act({ dealId: d.dealId, stage: "samples", action: "skip" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(c.deal.cancel({ dealId: d.dealId, reason: "服务中心取消" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    const stranger = await callerFor(t.db, (await createMember(t.db)).userId);
    await expect(stranger.deal.get({ dealId: d.dealId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "deals.errors.notFound" });
    await expect(stranger.deal.act({ dealId: d.dealId, stage: "samples", action: "skip" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stranger.deal.list()).toEqual([]);
    expect(await stageStates(d.dealId)).toMatchObject({ samples: "active" });
  });

  it("lists the organisation's deals as buyer and as supplier with the counterpart", async () => {
    const me = await createMember(t.db, { type: "anchor" });
    const asBuyer = await createDeal(t.db, { buyer: me, unitPriceFen: 2000, quantity: 500 });
    const asSupplier = await createDeal(t.db, { supplier: me });
    const c = await callerFor(t.db, me.userId);
    const all = await c.deal.list();
    expect(all.map((x) => x.id).sort()).toEqual([asBuyer.dealId, asSupplier.dealId].sort());
    const bought = await c.deal.list({ side: "buyer" });
    expect(bought).toHaveLength(1);
    expect(bought[0]).toMatchObject({ id: asBuyer.dealId, viewer: "buyer", amountFen: 1_000_000, counterpart: { id: asBuyer.supplier.organizationId }, late: false, stage: "samples" });
    expect((await c.deal.list({ side: "supplier" }))[0]).toMatchObject({ id: asSupplier.dealId, viewer: "supplier", counterpart: { id: asSupplier.buyer.organizationId } });
    expect(await c.deal.list({ status: "closed" })).toEqual([]);
    await c.deal.cancel({ dealId: asBuyer.dealId, reason: "需求变更" });
    expect((await c.deal.list({ status: "cancelled" })).map((x) => x.id)).toEqual([asBuyer.dealId]);
    // The audit trail of the cancellation names the organisation that did it.
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, asBuyer.dealId), like(auditLog.action, "deal.%")));
    expect(audit).toMatchObject({ action: "deal.cancelled", organizationId: me.organizationId, actorUserId: me.userId });
  });
});
