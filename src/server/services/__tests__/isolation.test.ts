import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, orgProfile, uniq } from "@/test/factories";
import { appRouter } from "../../api/root";
import { files, invitations, memberships, organizations } from "../../db/schema";

type Caller = Awaited<ReturnType<typeof callerFor>>;

/**
 * A member of organisation A tries every procedure against organisation B. Each call must either be
 * refused or return nothing of B's private data, and B must be unchanged afterwards. A procedure
 * added to the router without an entry here fails the coverage check.
 */
describeEachDb("organisation isolation", (t) => {
  const secret = uniq("SECRET-");
  let a: Awaited<ReturnType<typeof createMember>>;
  let b: Awaited<ReturnType<typeof createMember>>;
  let bMembershipId: string;
  let bInvitationId: string;
  let bInviteToken: string;
  let bFileId: string;
  let bInvitedEmail: string;

  beforeAll(async () => {
    a = await createMember(t.db);
    b = await createMember(t.db, { contactPhone: secret, contactEmail: `${secret.toLowerCase()}@b.example.com`, address: `${secret} 路 1 号` });
    const bCaller = await callerFor(t.db, b.userId);
    bInvitedEmail = `${secret.toLowerCase()}-invitee@example.com`;
    const inv = await bCaller.organization.invite({ email: bInvitedEmail, role: "admin" });
    bInviteToken = inv.link.split("/invite/")[1]!;
    bInvitationId = inv.id;
    const [m] = await t.db.select().from(memberships).where(eq(memberships.organizationId, b.organizationId));
    bMembershipId = m!.id;
    const [f] = await t.db
      .insert(files)
      .values({ ownerUserId: b.userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" })
      .returning();
    bFileId = f!.id;
  });

  const attempts: Record<string, (c: Caller) => Promise<unknown>> = {
    "account.me": (c) => c.account.me(),
    "account.signUp": (c) =>
      c.account.signUp({ method: "email", name: "x", email: bInvitedEmail, password: "password1", acceptPrivacy: true, invitationToken: bInviteToken.slice(0, -2) + "zz" }),
    "account.requestOtp": (c) => c.account.requestOtp({ phone: "13900000000", purpose: "signin" }),
    "account.switchOrganization": (c) => c.account.switchOrganization({ organizationId: b.organizationId }),
    "account.setLocale": (c) => c.account.setLocale({ locale: "en" }),
    "account.exportData": (c) => c.account.exportData(),
    "account.deleteAccount": async () => {
      const throwaway = await createMember(t.db);
      return (await callerFor(t.db, throwaway.userId)).account.deleteAccount({ confirm: true });
    },
    "organization.byId": (c) => c.organization.byId({ id: b.organizationId }),
    "organization.list": (c) => c.organization.list({ limit: 100 }),
    "organization.previewInvitation": (c) => c.organization.previewInvitation({ token: uniq("no-such-token-") }),
    "organization.create": (c) => c.organization.create(orgProfile()),
    "organization.acceptInvitation": (c) => c.organization.acceptInvitation({ token: bInviteToken }),
    "organization.mine": (c) => c.organization.mine(),
    "organization.update": (c) => c.organization.update(orgProfile({ nameZh: "篡改名称有限公司" })),
    "organization.submitLicense": (c) => c.organization.submitLicense({ fileId: bFileId }),
    "organization.members": (c) => c.organization.members(),
    "organization.invitations": (c) => c.organization.invitations(),
    "organization.invite": (c) => c.organization.invite({ email: `${uniq("x")}@example.com`, role: "member" }),
    "organization.revokeInvitation": (c) => c.organization.revokeInvitation({ invitationId: bInvitationId }),
    "organization.changeRole": (c) => c.organization.changeRole({ membershipId: bMembershipId, role: "member" }),
    "organization.removeMember": (c) => c.organization.removeMember({ membershipId: bMembershipId }),
    "admin.outbox": (c) => c.admin.outbox(),
    "admin.pendingOrganizations": (c) => c.admin.pendingOrganizations(),
    "admin.verifyOrganization": (c) => c.admin.verifyOrganization({ organizationId: b.organizationId, decision: "verified" }),
    "admin.audit": (c) => c.admin.audit({ organizationId: b.organizationId, limit: 10 }),
    "admin.rateLimit": (c) => c.admin.rateLimit(),
    "admin.setRateLimit": (c) => c.admin.setRateLimit({ maxFailuresPerAccount: 1000 }),
  };

  it("has an attempt for every procedure", () => {
    expect(Object.keys(attempts).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it("never lets A read or change B's private data", async () => {
    const [bBefore] = await t.db.select().from(organizations).where(eq(organizations.id, b.organizationId));
    const membersBefore = await t.db.select().from(memberships).where(eq(memberships.organizationId, b.organizationId));
    const invBefore = await t.db.select().from(invitations).where(eq(invitations.organizationId, b.organizationId));
    const outcomes: Record<string, string> = {};
    for (const [path, attempt] of Object.entries(attempts)) {
      const caller = await callerFor(t.db, a.userId);
      try {
        const result = await attempt(caller);
        const text = JSON.stringify(result ?? null).toLowerCase();
        expect(text, `${path} leaked B's data`).not.toContain(secret.toLowerCase());
        expect(text, `${path} leaked B's invitee`).not.toContain(bInvitedEmail);
        outcomes[path] = "ok";
      } catch (e) {
        expect(e, `${path} failed with a non-tRPC error`).toBeInstanceOf(TRPCError);
        const code = (e as TRPCError).code;
        expect(code, `${path}: ${String(e)}`).not.toBe("INTERNAL_SERVER_ERROR");
        outcomes[path] = code;
      }
    }
    const [bAfter] = await t.db.select().from(organizations).where(eq(organizations.id, b.organizationId));
    expect(bAfter).toEqual(bBefore);
    expect(await t.db.select().from(memberships).where(eq(memberships.organizationId, b.organizationId))).toEqual(membersBefore);
    expect(await t.db.select().from(invitations).where(eq(invitations.organizationId, b.organizationId))).toEqual(invBefore);
    // The attacks that target B by id are refused outright.
    for (const p of ["account.switchOrganization", "organization.submitLicense", "organization.revokeInvitation", "organization.changeRole", "organization.removeMember", "organization.acceptInvitation", "admin.verifyOrganization", "admin.audit", "admin.outbox"])
      expect(["FORBIDDEN", "NOT_FOUND"], `${p} → ${outcomes[p]}`).toContain(outcomes[p]);
  });
});
