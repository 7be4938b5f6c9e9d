import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { randomValidUscc } from "@/domain/uscc";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, grantPlan, listingValues, uniq } from "@/test/factories";
import type { Db } from "../../db/types";
import { auditLog, files, listings, managedProfileConsents, notifications, organizations, users } from "../../db/schema";
import { importOshFile } from "../onboarding-import";

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
};

/** The organisation's profile as the edit form sends it, with `over` changed. */
async function profileOf(db: Db, id: string, over: Record<string, unknown> = {}) {
  const [o] = await db.select().from(organizations).where(eq(organizations.id, id));
  return {
    type: o!.type as "sme" | "anchor" | "service_center",
    nameZh: o!.nameZh,
    uscc: o!.uscc ?? undefined,
    provinceAdcode: o!.provinceAdcode,
    cityAdcode: o!.cityAdcode ?? undefined,
    countyAdcode: o!.countyAdcode ?? undefined,
    address: o!.address ?? undefined,
    ...over,
  };
}

const notificationsOf = (db: Db, userId: string, kind: string) => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

describeEachDb("managed profiles (代管)", (t) => {
  it("request → accept → the centre edits the profile and listings for the firm; revoking stops it at once", async () => {
    const centre = await createMember(t.db, { type: "service_center" });
    const firm = await createMember(t.db);
    const c = await callerFor(t.db, centre.userId);
    const f = await callerFor(t.db, firm.userId);

    // Without consent a centre cannot write for the firm.
    expect(await codeOf(c.organization.update({ ...(await profileOf(t.db, firm.organizationId)), address: "越权地址", organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.listing.create({ values: listingValues("越权产能"), organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.managed.firm({ organizationId: firm.organizationId }))).toBe("FORBIDDEN");

    const asked = await c.managed.request({ organizationId: firm.organizationId, note: "集群统一维护产能信息" });
    expect(asked).toMatchObject({ status: "requested", organizationId: firm.organizationId, centreOrgId: centre.organizationId });
    // One live row per pair, from either side.
    expect(await codeOf(c.managed.request({ organizationId: firm.organizationId }))).toBe("CONFLICT");
    const [askedNote] = await notificationsOf(t.db, firm.userId, "managementRequested");
    expect(askedNote?.params).toMatchObject({ note: "集群统一维护产能信息" });
    // A request is not a consent yet.
    expect(await codeOf(c.listing.create({ values: listingValues("未同意"), organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect((await c.managed.firms()).pending.map((p) => p.id)).toEqual([firm.organizationId]);

    expect((await f.managed.consents()).map((x) => [x.id, x.status, x.centre.id])).toEqual([[asked.id, "requested", centre.organizationId]]);
    // The centre cannot accept its own request.
    expect(await codeOf(c.managed.accept({ consentId: asked.id }))).toBe("FORBIDDEN");
    expect(await f.managed.accept({ consentId: asked.id })).toMatchObject({ status: "active", grantedAt: expect.any(Date) });
    expect(await notificationsOf(t.db, centre.userId, "managementGranted")).toHaveLength(1);
    expect((await c.managed.firms()).firms.map((x) => [x.id, x.consentId])).toEqual([[firm.organizationId, asked.id]]);

    // The profile: fields written are sourced to the centre; the audit names both organisations.
    await c.organization.update({ ...(await profileOf(t.db, firm.organizationId)), address: "即墨区服装工业园 8 号", organizationId: firm.organizationId });
    const [after] = await t.db.select().from(organizations).where(eq(organizations.id, firm.organizationId));
    expect(after!.address).toBe("即墨区服装工业园 8 号");
    expect(after!.fieldSources.address?.source).toBe(`centre:${centre.organizationId}`);
    expect(after!.fieldSources.name?.source).toBe("owner");
    const [orgAudit] = await t.db.select().from(auditLog).where(and(eq(auditLog.organizationId, firm.organizationId), eq(auditLog.action, "organization.updated")));
    expect(orgAudit).toMatchObject({ actorUserId: centre.userId, changes: { managedBy: centre.organizationId } });
    // The centre's own profile is untouched; its default path still edits its own.
    const [centreOrg] = await t.db.select().from(organizations).where(eq(organizations.id, centre.organizationId));
    expect(centreOrg!.address).toBeNull();

    // Listings: limits are the firm's plan (free: 10 published), not the centre's.
    for (let i = 0; i < 10; i++) await f.listing.create({ values: listingValues(`自有产能${i}`), publish: true });
    expect(await codeOf(c.listing.create({ values: listingValues("代发产能"), publish: true, organizationId: firm.organizationId }))).toBe("CONFLICT");
    const draft = await c.listing.create({ values: listingValues("代发产能"), organizationId: firm.organizationId });
    expect(draft).toMatchObject({ organizationId: firm.organizationId, status: "draft", createdBy: centre.userId });
    expect(await codeOf(c.listing.publish({ id: draft.id, organizationId: firm.organizationId }))).toBe("CONFLICT");
    await grantPlan(t.db, firm.organizationId, "sme_pro");
    expect(await c.listing.publish({ id: draft.id, organizationId: firm.organizationId })).toMatchObject({ status: "published" });
    const updated = await c.listing.update({ id: draft.id, organizationId: firm.organizationId, values: listingValues("代发产能（更新）") });
    expect(updated.title).toBe("代发产能（更新）");
    // Without naming the firm the centre's default path sees only its own listings.
    expect(await codeOf(c.listing.pause({ id: draft.id }))).toBe("NOT_FOUND");
    const listingAudit = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, draft.id)));
    expect(listingAudit.map((a) => [a.action, a.organizationId, (a.changes as { managedBy?: string }).managedBy])).toEqual(
      expect.arrayContaining([
        ["listing.created", firm.organizationId, centre.organizationId],
        ["listing.publish", firm.organizationId, centre.organizationId],
        ["listing.updated", firm.organizationId, centre.organizationId],
      ]),
    );
    expect((await c.managed.firms()).firms[0]).toMatchObject({ publishedListings: 11 });
    expect((await c.managed.firm({ organizationId: firm.organizationId })).listings.map((l) => l.id)).toContain(draft.id);
    expect((await c.managed.listing({ organizationId: firm.organizationId, id: draft.id })).listing.title).toBe("代发产能（更新）");
    expect((await (await callerFor(t.db, null)).managed.managers({ organizationId: firm.organizationId })).map((m) => m.id)).toEqual([centre.organizationId]);

    // The firm revokes: the very next write is refused.
    expect(await codeOf(c.managed.revoke({ consentId: asked.id }))).toBe("FORBIDDEN");
    expect(await f.managed.revoke({ consentId: asked.id })).toMatchObject({ status: "revoked", endedBy: firm.userId, endedAt: expect.any(Date) });
    expect(await notificationsOf(t.db, centre.userId, "managementEnded")).toHaveLength(1);
    expect(await codeOf(c.listing.pause({ id: draft.id, organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.listing.update({ id: draft.id, organizationId: firm.organizationId, values: listingValues("撤销后") }))).toBe("FORBIDDEN");
    expect(await codeOf(c.organization.update({ ...(await profileOf(t.db, firm.organizationId)), address: "撤销后", organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.managed.firm({ organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    const [still] = await t.db.select().from(listings).where(eq(listings.id, draft.id));
    expect(still).toMatchObject({ status: "published", title: "代发产能（更新）" });
    expect((await c.managed.firms()).firms).toEqual([]);
    expect(await (await callerFor(t.db, null)).managed.managers({ organizationId: firm.organizationId })).toEqual([]);
  });

  it("decline, direct grant, the centre ending it; only centres ask and only firms are managed", async () => {
    const centre = await createMember(t.db, { type: "service_center" });
    const otherCentre = await createMember(t.db, { type: "service_center" });
    const firm = await createMember(t.db);
    const sme = await createMember(t.db);
    const c = await callerFor(t.db, centre.userId);
    const f = await callerFor(t.db, firm.userId);

    expect(await codeOf((await callerFor(t.db, sme.userId)).managed.request({ organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await codeOf(c.managed.request({ organizationId: otherCentre.organizationId }))).toBe("BAD_REQUEST");
    expect(await codeOf(c.managed.firms())).toBe("ok");
    expect(await codeOf((await callerFor(t.db, sme.userId)).managed.firms())).toBe("FORBIDDEN");

    const first = await c.managed.request({ organizationId: firm.organizationId });
    expect(await f.managed.decline({ consentId: first.id })).toMatchObject({ status: "declined" });
    expect(await codeOf(f.managed.accept({ consentId: first.id }))).toBe("NOT_FOUND");
    expect(await codeOf(c.listing.create({ values: listingValues("拒绝后"), organizationId: firm.organizationId }))).toBe("FORBIDDEN");

    // A declined request is history: the centre may ask again; the firm may grant directly, which takes up the pending request.
    const second = await c.managed.request({ organizationId: firm.organizationId });
    const granted = await f.managed.grant({ centreOrgId: centre.organizationId });
    expect(granted).toMatchObject({ id: second.id, status: "active" });
    expect(await codeOf(f.managed.grant({ centreOrgId: centre.organizationId }))).toBe("CONFLICT");
    expect(await codeOf(f.managed.grant({ centreOrgId: sme.organizationId }))).toBe("NOT_FOUND");
    const live = await t.db.select().from(managedProfileConsents).where(and(eq(managedProfileConsents.organizationId, firm.organizationId), eq(managedProfileConsents.centreOrgId, centre.organizationId)));
    expect(live.map((r) => r.status).sort()).toEqual(["active", "declined"]);
    // The partial unique index holds even for a write that skips the service.
    expect(await t.db.insert(managedProfileConsents).values({ organizationId: firm.organizationId, centreOrgId: centre.organizationId, status: "requested" }).then(() => "inserted", () => "refused")).toBe("refused");

    // Another centre has no consent of this firm.
    expect(await codeOf((await callerFor(t.db, otherCentre.userId)).listing.create({ values: listingValues("他人"), organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await c.listing.create({ values: listingValues("授权后"), organizationId: firm.organizationId })).toMatchObject({ organizationId: firm.organizationId });

    // The centre ends it; the firm's owner is told, and the centre's writes stop.
    expect(await codeOf(f.managed.end({ consentId: granted.id }))).toBe("FORBIDDEN");
    expect(await c.managed.end({ consentId: granted.id })).toMatchObject({ status: "revoked", endedBy: centre.userId });
    expect(await notificationsOf(t.db, firm.userId, "managementEnded")).toHaveLength(1);
    expect(await codeOf(c.listing.create({ values: listingValues("结束后"), organizationId: firm.organizationId }))).toBe("FORBIDDEN");
    expect(await f.managed.consents()).toEqual([]);
  });

  it("a profile the centre created is its to edit without consent until a firm claims it", async () => {
    const centre = await createMember(t.db, { type: "service_center" });
    const otherCentre = await createMember(t.db, { type: "service_center" });
    const name = `Jimo ${uniq("Qx")} Knitting`;
    const imported = await importOshFile(t.db, { bytes: new TextEncoder().encode(`country,name,address,sector,lat,lng\nChina,${name},"Jimo District, Qingdao, Shandong",Apparel,,\n`), fileName: "centre.csv", account: { kind: "centre", organizationId: centre.organizationId } });
    const created = imported.rows[0]!.organizationId!;
    expect(imported.rows[0]!.outcome).toBe("created");
    const c = await callerFor(t.db, centre.userId);

    await c.organization.update({ ...(await profileOf(t.db, created)), address: "即墨区通济街道 1 号", organizationId: created });
    const [org] = await t.db.select().from(organizations).where(eq(organizations.id, created));
    expect(org!.fieldSources.address?.source).toBe(`centre:${centre.organizationId}`);
    expect((await c.managed.firms()).firms.map((x) => [x.id, x.consentId])).toEqual([[created, null]]);
    expect(await codeOf((await callerFor(t.db, otherCentre.userId)).organization.update({ ...(await profileOf(t.db, created)), organizationId: created }))).toBe("FORBIDDEN");

    // A firm claims it; from then on the centre needs the new owner's consent.
    const claimant = await createMember(t.db);
    const admin = await createMember(t.db);
    await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
    const [licence] = await t.db.insert(files).values({ ownerUserId: claimant.userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" }).returning();
    const claim = await (await callerFor(t.db, claimant.userId)).onboarding.submitClaim({ organizationId: created, fileId: licence!.id, uscc: randomValidUscc() });
    await (await callerFor(t.db, admin.userId)).onboarding.decideClaim({ claimId: claim.id, decision: "approved" });
    expect(await codeOf(c.organization.update({ ...(await profileOf(t.db, created)), address: "认领后", organizationId: created }))).toBe("FORBIDDEN");
    expect((await c.managed.firms()).firms).toEqual([]);
  });
});
