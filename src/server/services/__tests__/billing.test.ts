import { TRPCError } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { effectivePlan, entitlementsOf } from "@/domain/billing/plans";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues, listingValues } from "@/test/factories";
import { auditLog, demands, listings, users } from "../../db/schema";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof TRPCError ? { code: e.code, key: e.message, params: (e.cause as { params?: unknown } | undefined)?.params } : String(e)),
  );

describeEachDb("billing: plans, limits and admin grants", (t) => {
  async function admin() {
    const m = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, m.userId));
    return callerFor(t.db, m.userId);
  }

  it("refuses a fourth open demand on the free plan, in the service, and allows it once a plan is granted", async () => {
    const m = await createMember(t.db, { type: "anchor" });
    const c = await callerFor(t.db, m.userId);
    for (let i = 0; i < 3; i++) await c.demand.create(demandValues(`需求 ${i}`));
    expect(await refusal(c.demand.create(demandValues("第四个需求")))).toEqual({
      code: "CONFLICT",
      key: "billing.errors.limitReached",
      params: { limit: 3, plan: "free", resource: "openDemands" },
    });
    expect(await t.db.select().from(demands).where(eq(demands.organizationId, m.organizationId))).toHaveLength(3);
    // A closed demand frees its place.
    const [first] = await t.db.select().from(demands).where(eq(demands.organizationId, m.organizationId)).limit(1);
    await c.demand.close({ id: first!.id });
    await c.demand.create(demandValues("补上的需求"));

    await (await admin()).billing.grant({ organizationId: m.organizationId, plan: "anchor_pro" });
    for (let i = 0; i < 3; i++) await c.demand.create(demandValues(`专业版需求 ${i}`));
    const mine = await c.billing.mine();
    expect(mine).toMatchObject({ plan: "anchor_pro", usage: { openDemands: 6 }, paymentsEnabled: false, subscription: { source: "admin", status: "active" } });
    expect(mine.entitlements).toEqual(entitlementsOf("anchor_pro"));
  });

  it("counts published listings: drafts are free, publishing the eleventh is refused, on create and on publish", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    for (let i = 0; i < 10; i++) await c.listing.create({ values: listingValues(`能力 ${i}`), publish: true });
    expect(await refusal(c.listing.create({ values: listingValues("第十一个"), publish: true }))).toMatchObject({ code: "CONFLICT", key: "billing.errors.limitReached", params: { limit: 10, plan: "free" } });
    const draft = await c.listing.create({ values: listingValues("草稿") });
    expect(await refusal(c.listing.publish({ id: draft.id }))).toMatchObject({ key: "billing.errors.limitReached" });
    const published = await t.db.select().from(listings).where(and(eq(listings.organizationId, m.organizationId), eq(listings.status, "published")));
    expect(published).toHaveLength(10);
    await c.listing.pause({ id: published[0]!.id });
    expect((await c.listing.publish({ id: draft.id })).status).toBe("published");
    expect((await c.billing.mine()).usage).toEqual({ openDemands: 0, publishedListings: 10 });
  });

  it("lets only a platform admin grant and revoke, audited; a revoked or expired grant falls back to free", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    expect(await refusal(c.billing.grant({ organizationId: m.organizationId, plan: "sme_pro" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await refusal(c.billing.revoke({ organizationId: m.organizationId }))).toMatchObject({ code: "FORBIDDEN" });
    expect((await c.billing.mine()).plan).toBe("free");

    const a = await admin();
    expect(await refusal(a.billing.revoke({ organizationId: m.organizationId }))).toMatchObject({ code: "NOT_FOUND" });
    const granted = await a.billing.grant({ organizationId: m.organizationId, plan: "sme_pro", until: "2099-12-31", note: "线下签约" });
    expect(granted).toMatchObject({ plan: "sme_pro", source: "admin", status: "active" });
    expect((await c.billing.mine()).plan).toBe("sme_pro");
    expect((await a.billing.subscriptions()).find((s) => s.organizationId === m.organizationId)).toMatchObject({ effectivePlan: "sme_pro" });
    expect(await refusal(a.billing.grant({ organizationId: m.organizationId, plan: "free" as never }))).toMatchObject({ code: "BAD_REQUEST" });

    await a.billing.revoke({ organizationId: m.organizationId, note: "到期未续" });
    expect((await c.billing.mine()).plan).toBe("free");
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.organizationId, m.organizationId)).orderBy(asc(auditLog.id));
    expect(audit.map((r) => r.action).filter((x) => x.startsWith("billing."))).toEqual(["billing.grant", "billing.revoke"]);

    // A grant with an end date ends by itself.
    expect(effectivePlan({ plan: "sme_pro", status: "active", source: "admin", currentPeriodEnd: new Date("2026-01-01T00:00:00Z") }, new Date("2026-02-01T00:00:00Z"))).toBe("free");
    expect(effectivePlan({ plan: "sme_pro", status: "past_due", source: "stripe", currentPeriodEnd: new Date("2026-01-01T00:00:00Z") }, new Date("2026-02-01T00:00:00Z"))).toBe("sme_pro");
    expect(effectivePlan({ plan: "sme_pro", status: "unpaid", source: "stripe" })).toBe("free");
  });

  it("counts concurrent publications one after the other (the organisation row is locked)", async () => {
    const m = await createMember(t.db);
    const c = await callerFor(t.db, m.userId);
    for (let i = 0; i < 9; i++) await c.listing.create({ values: listingValues(`并发 ${i}`), publish: true });
    const results = await Promise.all([0, 1, 2].map((i) => refusal(c.listing.create({ values: listingValues(`同时 ${i}`), publish: true }))));
    expect(results.filter((r) => r === null)).toHaveLength(1);
    const published = await t.db.select().from(listings).where(and(eq(listings.organizationId, m.organizationId), eq(listings.status, "published")));
    expect(published).toHaveLength(10);
  });
});
