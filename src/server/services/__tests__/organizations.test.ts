import { and, desc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, orgProfile, PASSWORD, uniq } from "@/test/factories";
import { randomValidUscc, usccCheckChar } from "@/domain/uscc";
import { auditLog, messageOutbox, users } from "../../db/schema";
import { ensurePlatformAdmin } from "../bootstrap";

describeEachDb("organisations", (t) => {
  it("refuses a USCC with a wrong check character, naming the field and the reason", async () => {
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    const good = randomValidUscc();
    const wrong = good.slice(0, 17) + (usccCheckChar(good.slice(0, 17)) === "0" ? "1" : "0");
    await expect(caller.organization.create(orgProfile({ uscc: wrong }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: [expect.objectContaining({ path: ["uscc"], message: "validation.uscc.checksum" })] },
    });
  });

  it("refuses a USCC already registered by another organisation", async () => {
    const uscc = randomValidUscc();
    await createMember(t.db, { uscc });
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    await expect(caller.organization.create(orgProfile({ uscc: uscc.toLowerCase() }))).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { messageKey: "errors.usccTaken", field: "uscc" },
    });
  });

  it("defaults coordinates to the county, then the city, centre", async () => {
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    const county = await caller.organization.create(orgProfile({ cityAdcode: "370200", countyAdcode: "370215" }));
    expect([county.lat, county.lng]).toEqual([36.38, 120.45]);
    const city = await caller.organization.create(orgProfile({ cityAdcode: "370600", countyAdcode: undefined }));
    expect([city.lat, city.lng]).toEqual([37.45, 121.43]);
    await expect(caller.organization.create(orgProfile({ cityAdcode: "370600", countyAdcode: "370215" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("keeps precise coordinates when a profile is saved without them, and re-centres when the place changes", async () => {
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    const profile = orgProfile({ cityAdcode: "370700", countyAdcode: "370785", lat: 36.3801, lng: 119.7512 });
    await caller.organization.create(profile);
    const fresh = await callerFor(t.db, userId); // the new organisation is now the active one
    const saved = await fresh.organization.update({ ...profile, lat: undefined, lng: undefined, description: "毛巾" });
    expect([saved.lat, saved.lng]).toEqual([36.3801, 119.7512]);
    const moved = await fresh.organization.update({ ...profile, lat: undefined, lng: undefined, countyAdcode: "370782" });
    expect(moved.lat).not.toBe(36.3801);
  });

  it("keeps firms outside Shandong with their province and no Shandong city", async () => {
    const { userId } = await createMember(t.db);
    const caller = await callerFor(t.db, userId);
    const org = await caller.organization.create(orgProfile({ provinceAdcode: "320000", cityAdcode: undefined, countyAdcode: undefined }));
    expect(org.provinceAdcode).toBe("320000");
    expect(org.lat).not.toBeNull();
    await expect(caller.organization.create(orgProfile({ provinceAdcode: "320000", cityAdcode: "370200", countyAdcode: undefined }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("writes every change to the audit log, and only owners and admins may change the profile", async () => {
    const owner = await createMember(t.db);
    const caller = await callerFor(t.db, owner.userId);
    const mine = await caller.organization.mine();
    await caller.organization.update(orgProfile({ nameZh: mine.nameZh, uscc: mine.uscc ?? undefined, description: "专业生产精梳棉纱" }));
    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.organizationId, owner.organizationId), eq(auditLog.action, "organization.updated"))).orderBy(desc(auditLog.id)).limit(1);
    expect(entry?.actorUserId).toBe(owner.userId);
    expect(entry?.changes).toMatchObject({ description: [null, "专业生产精梳棉纱"] });

    const memberEmail = `${uniq("m")}@example.com`;
    const { link } = await caller.organization.invite({ email: memberEmail, role: "member" });
    const anon = await callerFor(t.db, null);
    const { userId } = await anon.account.signUp({ method: "email", name: "员工", email: memberEmail, password: PASSWORD, acceptPrivacy: true, invitationToken: link.split("/invite/")[1]! });
    const member = await callerFor(t.db, userId);
    await expect(member.organization.update(orgProfile({ nameZh: "越权修改有限公司" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(member.organization.invite({ email: `${uniq("x")}@example.com`, role: "member" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("sends invitations through the outbox and keeps the last owner in place", async () => {
    const owner = await createMember(t.db);
    const caller = await callerFor(t.db, owner.userId);
    const email = `${uniq("inv")}@example.com`;
    const { link } = await caller.organization.invite({ email, role: "admin" });
    const [mail] = await t.db.select().from(messageOutbox).where(eq(messageOutbox.recipient, email));
    expect(mail?.channel).toBe("email");
    expect(mail?.body).toContain(link);
    const preview = await (await callerFor(t.db, null)).organization.previewInvitation({ token: link.split("/invite/")[1]! });
    expect(preview).toMatchObject({ email, role: "admin", organization: { id: owner.organizationId } });

    const [ownerMembership] = (await caller.organization.members()).filter((m) => m.userId === owner.userId);
    await expect(caller.organization.changeRole({ membershipId: ownerMembership!.id, role: "member" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(caller.organization.removeMember({ membershipId: ownerMembership!.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lets a user in two organisations switch the active one", async () => {
    const owner = await createMember(t.db);
    const caller = await callerFor(t.db, owner.userId);
    const second = await caller.organization.create(orgProfile({ type: "anchor" }));
    expect((await (await callerFor(t.db, owner.userId)).organization.mine()).id).toBe(second.id);
    await (await callerFor(t.db, owner.userId)).account.switchOrganization({ organizationId: owner.organizationId });
    const me = await (await callerFor(t.db, owner.userId)).account.me();
    expect(me?.active?.organizationId).toBe(owner.organizationId);
    expect(me?.organizations).toHaveLength(2);
  });

  it("shows the verified badge state once a platform admin verifies", async () => {
    const adminEmail = `${uniq("admin")}@example.com`;
    await ensurePlatformAdmin(t.db, { email: adminEmail, password: PASSWORD });
    const [admin] = await t.db.select().from(users).where(eq(users.email, adminEmail));
    const firm = await createMember(t.db);
    const firmCaller = await callerFor(t.db, firm.userId);
    await expect(firmCaller.admin.verifyOrganization({ organizationId: firm.organizationId, decision: "verified" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const adminCaller = await callerFor(t.db, admin!.id);
    await adminCaller.admin.verifyOrganization({ organizationId: firm.organizationId, decision: "verified" });
    const pub = await (await callerFor(t.db, null)).organization.byId({ id: firm.organizationId });
    expect(pub.verificationState).toBe("verified");
    expect(pub).not.toHaveProperty("contactPhone");
    const audit = await adminCaller.admin.audit({ organizationId: firm.organizationId, limit: 5 });
    expect(audit[0]?.action).toBe("organization.verified");
  });
});
