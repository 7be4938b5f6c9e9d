import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { auditLog, listingReports, users } from "../../db/schema";

const values = { kind: "capability" as const, chainLink: "garment" as const, processes: ["cmt"], title: "童装来料加工", capacityValue: 5, capacityUnit: "万件/年" };

describeEachDb("listing moderation", (t) => {
  it("lets a signed-in user report a published listing and an admin dismiss it or pause the listing", async () => {
    const seller = await createMember(t.db);
    const reporter = await createMember(t.db);
    const admin = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
    const sc = await callerFor(t.db, seller.userId);
    const rc = await callerFor(t.db, reporter.userId);
    const ac = await callerFor(t.db, admin.userId);
    const draft = await sc.listing.create({ values });
    await expect(rc.listing.report({ listingId: draft.id, reason: "看不到的草稿" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const l = await sc.listing.create({ values, publish: true });
    await expect((await callerFor(t.db, null)).listing.report({ listingId: l.id, reason: "匿名举报不行" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const r1 = await rc.listing.report({ listingId: l.id, reason: "价格虚假，联系不上" });
    await expect(rc.listing.report({ listingId: l.id, reason: "再次举报同一条" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rc.listing.reports()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await ac.listing.reports()).find((x) => x.id === r1.id)).toMatchObject({ listingId: l.id, reason: "价格虚假，联系不上" });

    await ac.listing.resolveReport({ reportId: r1.id, action: "dismiss" });
    expect((await ac.listing.reports()).map((x) => x.id)).not.toContain(r1.id);
    await expect(ac.listing.resolveReport({ reportId: r1.id, action: "pause" })).rejects.toMatchObject({ code: "CONFLICT" });

    const r2 = await rc.listing.report({ listingId: l.id, reason: "仍然是虚假信息" });
    const r3 = await (await callerFor(t.db, seller.userId)).listing.report({ listingId: l.id, reason: "自己举报自己也算" });
    await ac.listing.resolveReport({ reportId: r2.id, action: "pause" });
    expect((await sc.listing.byId({ id: l.id })).listing).toMatchObject({ status: "paused", version: 2 });
    const states = await t.db.select({ id: listingReports.id, status: listingReports.status }).from(listingReports).where(eq(listingReports.listingId, l.id));
    expect(Object.fromEntries(states.map((s) => [s.id, s.status]))).toEqual({ [r1.id]: "dismissed", [r2.id]: "actioned", [r3.id]: "actioned" });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, l.id), eq(auditLog.organizationId, seller.organizationId)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["listing.reported", "listing.reportDismissed", "listing.pausedByAdmin"]));
  });
});
