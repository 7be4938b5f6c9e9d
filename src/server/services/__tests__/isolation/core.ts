import { eq } from "drizzle-orm";
import { callerFor, createMember, orgProfile, uniq } from "@/test/factories";
import { files, invitations, memberships, organizations } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/** Accounts, organisations, memberships, invitations and the admin procedures. */
export function coreCases(fx: IsolationFixture): IsolationCases {
  const ids = { membership: "", invitation: "", token: "", file: "", invitee: "" };
  return {
    async setup() {
      const bCaller = await callerFor(fx.db, fx.b.userId);
      ids.invitee = `${fx.secret.toLowerCase()}-invitee@example.com`;
      const inv = await bCaller.organization.invite({ email: ids.invitee, role: "admin" });
      ids.token = inv.link.split("/invite/")[1]!;
      ids.invitation = inv.id;
      const [m] = await fx.db.select().from(memberships).where(eq(memberships.organizationId, fx.b.organizationId));
      ids.membership = m!.id;
      const [f] = await fx.db
        .insert(files)
        .values({ ownerUserId: fx.b.userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" })
        .returning();
      ids.file = f!.id;
    },
    attempts: {
      "account.me": (c) => c.account.me(),
      "account.signUp": (c) =>
        c.account.signUp({ method: "email", name: "x", email: ids.invitee, password: "password1", acceptPrivacy: true, invitationToken: ids.token.slice(0, -2) + "zz" }),
      "account.requestOtp": (c) => c.account.requestOtp({ phone: "13900000000", purpose: "signin" }),
      "account.switchOrganization": (c) => c.account.switchOrganization({ organizationId: fx.b.organizationId }),
      "account.setLocale": (c) => c.account.setLocale({ locale: "en" }),
      "account.exportData": (c) => c.account.exportData(),
      "account.deleteAccount": async () => {
        const throwaway = await createMember(fx.db);
        return (await callerFor(fx.db, throwaway.userId)).account.deleteAccount({ confirm: true });
      },
      "organization.byId": (c) => c.organization.byId({ id: fx.b.organizationId }),
      "organization.list": (c) => c.organization.list({ limit: 100 }),
      "organization.previewInvitation": (c) => c.organization.previewInvitation({ token: uniq("no-such-token-") }),
      "organization.create": (c) => c.organization.create(orgProfile()),
      "organization.acceptInvitation": (c) => c.organization.acceptInvitation({ token: ids.token }),
      "organization.mine": (c) => c.organization.mine(),
      "organization.update": (c) => c.organization.update(orgProfile({ nameZh: "篡改名称有限公司" })),
      "organization.submitLicense": (c) => c.organization.submitLicense({ fileId: ids.file }),
      "organization.members": (c) => c.organization.members(),
      "organization.invitations": (c) => c.organization.invitations(),
      "organization.invite": (c) => c.organization.invite({ email: `${uniq("x")}@example.com`, role: "member" }),
      "organization.revokeInvitation": (c) => c.organization.revokeInvitation({ invitationId: ids.invitation }),
      "organization.changeRole": (c) => c.organization.changeRole({ membershipId: ids.membership, role: "member" }),
      "organization.removeMember": (c) => c.organization.removeMember({ membershipId: ids.membership }),
      "admin.outbox": (c) => c.admin.outbox(),
      "admin.pendingOrganizations": (c) => c.admin.pendingOrganizations(),
      "admin.verifyOrganization": (c) => c.admin.verifyOrganization({ organizationId: fx.b.organizationId, decision: "verified" }),
      "admin.audit": (c) => c.admin.audit({ organizationId: fx.b.organizationId, limit: 10 }),
      "admin.rateLimit": (c) => c.admin.rateLimit(),
      "admin.setRateLimit": (c) => c.admin.setRateLimit({ maxFailuresPerAccount: 1000 }),
    },
    mustRefuse: [
      "account.switchOrganization",
      "organization.submitLicense",
      "organization.revokeInvitation",
      "organization.changeRole",
      "organization.removeMember",
      "organization.acceptInvitation",
      "admin.verifyOrganization",
      "admin.audit",
      "admin.outbox",
    ],
    async snapshot() {
      return {
        org: await fx.db.select().from(organizations).where(eq(organizations.id, fx.b.organizationId)),
        members: await fx.db.select().from(memberships).where(eq(memberships.organizationId, fx.b.organizationId)),
        invitations: await fx.db.select().from(invitations).where(eq(invitations.organizationId, fx.b.organizationId)),
      };
    },
  };
}
