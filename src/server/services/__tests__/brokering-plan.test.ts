import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import enBilling from "@/i18n/messages/en/billing.json";
import zhBilling from "@/i18n/messages/zh-CN/billing.json";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues, grantPlan, listingValues, uniq } from "@/test/factories";
import { inquiries, listings, managedProfileConsents, users } from "../../db/schema";

/** The call is refused because the plan lacks the brokering tools (docs/billing.md), with a key present in both locales. */
async function notInPlan(p: Promise<unknown>, plan = "free") {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  expect((e as TRPCError).code).toBe("FORBIDDEN");
  expect((e as TRPCError).message).toBe("billing.errors.featureNotInPlan");
  expect(((e as TRPCError).cause as { params?: unknown } | undefined)?.params).toEqual({ feature: "brokeringTools", plan });
  for (const bundle of [zhBilling, enBilling]) expect(bundle.errors.featureNotInPlan).toEqual(expect.any(String));
}

describeEachDb("the service-centre plan's brokering tools (brokeringTools)", (t) => {
  const p = uniq("BP");

  it("a centre without the plan is refused introductions; after a grant it introduces; its list stays readable", async () => {
    const centre = await createMember(t.db, { type: "service_center" }, { plan: null });
    const buyer = await createMember(t.db, { type: "anchor" });
    const supplier = await createMember(t.db);
    const [cc, bc] = await Promise.all([callerFor(t.db, centre.userId), callerFor(t.db, buyer.userId)]);
    const d = await bc.demand.create(demandValues(`${p} 求购`));

    await notInPlan(cc.introduction.create({ demandId: d.id, supplierOrgId: supplier.organizationId, note: "引荐" }));
    expect(await t.db.select().from(inquiries).where(eq(inquiries.demandId, d.id))).toEqual([]);
    expect(await cc.introduction.listMine()).toEqual([]);

    // Another paid plan does not include it either.
    await grantPlan(t.db, centre.organizationId, "sme_pro");
    await notInPlan(cc.introduction.create({ demandId: d.id, supplierOrgId: supplier.organizationId, note: "引荐" }), "sme_pro");

    await grantPlan(t.db, centre.organizationId, "service_centre");
    const { inquiryId } = await cc.introduction.create({ demandId: d.id, supplierOrgId: supplier.organizationId, note: "引荐" });
    expect((await cc.introduction.listMine()).map((x) => x.id)).toEqual([inquiryId]);
  });

  it("a centre without the plan cannot request management nor write for a firm that consented; the firm's own consent actions stay free", async () => {
    const centre = await createMember(t.db, { type: "service_center" }, { plan: null });
    const firm = await createMember(t.db);
    const other = await createMember(t.db);
    const [c, f] = await Promise.all([callerFor(t.db, centre.userId), callerFor(t.db, firm.userId)]);

    await notInPlan(c.managed.request({ organizationId: other.organizationId, note: "集群统一维护" }));
    expect(await t.db.select().from(managedProfileConsents).where(eq(managedProfileConsents.centreOrgId, centre.organizationId))).toEqual([]);

    // The firm (on free) grants the centre directly: its consent is not a brokering tool.
    const granted = await f.managed.grant({ centreOrgId: centre.organizationId });
    expect(granted).toMatchObject({ status: "active" });
    // The centre still reads its list of managed firms…
    expect((await c.managed.firms()).firms.map((x) => x.id)).toEqual([firm.organizationId]);
    // …but acting for the firm is refused: profile and listings.
    await notInPlan(c.listing.create({ values: listingValues(`${p} 代管产能`), organizationId: firm.organizationId }));
    const profile = await f.organization.mine();
    await notInPlan(c.organization.update({ type: "sme", nameZh: profile.nameZh, uscc: profile.uscc ?? undefined, provinceAdcode: profile.provinceAdcode, cityAdcode: profile.cityAdcode ?? undefined, countyAdcode: profile.countyAdcode ?? undefined, address: "代管地址", organizationId: firm.organizationId }));
    expect(await t.db.select().from(listings).where(eq(listings.organizationId, firm.organizationId))).toEqual([]);

    await grantPlan(t.db, centre.organizationId, "service_centre");
    const created = await c.listing.create({ values: listingValues(`${p} 代管产能`), organizationId: firm.organizationId });
    expect(created).toMatchObject({ organizationId: firm.organizationId });
    expect(await c.managed.request({ organizationId: other.organizationId })).toMatchObject({ status: "requested" });

    // The firm revokes whatever the centre's plan: free.
    expect(await f.managed.revoke({ consentId: granted.id })).toMatchObject({ status: "revoked" });
  });

  it("analytics: a centre without the plan is refused, after a grant it sees its city; a platform admin is unaffected", async () => {
    const centre = await createMember(t.db, { type: "service_center" }, { plan: null });
    const admin = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
    const [c, a] = await Promise.all([callerFor(t.db, centre.userId), callerFor(t.db, admin.userId)]);

    await notInPlan(c.analytics.overview({}));
    expect((await a.analytics.overview({})).scope).toEqual({ kind: "province", cityAdcode: null });

    await grantPlan(t.db, centre.organizationId, "service_centre");
    expect((await c.analytics.overview({})).scope).toEqual({ kind: "city", cityAdcode: "370200", introducerOrgId: centre.organizationId });
  });

  it("createMember gives a service centre the service_centre plan by default", async () => {
    const centre = await createMember(t.db, { type: "service_center" });
    expect((await (await callerFor(t.db, centre.userId)).billing.mine()).plan).toBe("service_centre");
    const firm = await createMember(t.db);
    expect((await (await callerFor(t.db, firm.userId)).billing.mine()).plan).toBe("free");
  });
});
