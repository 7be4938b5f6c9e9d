import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import type { MemberRole } from "@/domain/schemas/organization";
import type { Db } from "../db/types";
import { invitations, memberships, organizations, users } from "../db/schema";
import { conflict, forbidden, invalid, notFound } from "../errors";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type AuthedContext, type OrgContext } from "./context";
import { enqueueEmail } from "./outbox";

const INVITATION_DAYS = 14;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");
type Invitation = typeof invitations.$inferSelect;

export async function listMembers({ ctx }: { ctx: OrgContext }) {
  return ctx.db
    .select({
      id: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      role: memberships.role,
      createdAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, ctx.membership.organizationId))
    .orderBy(asc(memberships.createdAt));
}

export async function listInvitations({ ctx }: { ctx: OrgContext }) {
  assertRole(ctx, ["owner", "admin"]);
  return ctx.db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt })
    .from(invitations)
    .where(and(eq(invitations.organizationId, ctx.membership.organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now(ctx))))
    .orderBy(asc(invitations.createdAt));
}

/**
 * Owners invite anyone; admins invite members and admins. The link carries a random token whose hash
 * is stored; the e-mail goes through the outbox in the same transaction.
 */
export async function inviteMember({
  ctx,
  input,
  baseUrl,
}: {
  ctx: OrgContext;
  input: { email: string; role: MemberRole };
  baseUrl: string;
}) {
  assertRole(ctx, ["owner", "admin"]);
  if (input.role === "owner" && ctx.membership.role !== "owner") throw forbidden("roleRequired");
  const orgId = ctx.membership.organizationId;
  const token = randomBytes(24).toString("base64url");
  return ctx.db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, orgId), eq(users.email, input.email)));
    if (already) throw conflict("alreadyMember", "email");
    const [org] = await tx.select({ nameZh: organizations.nameZh, nameEn: organizations.nameEn }).from(organizations).where(eq(organizations.id, orgId));
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, ctx.actor.userId));
    const expiresAt = new Date(now(ctx).getTime() + INVITATION_DAYS * 86_400_000);
    const [inv] = await tx
      .insert(invitations)
      .values({ organizationId: orgId, email: input.email, role: input.role, tokenHash: tokenHash(token), invitedBy: ctx.actor.userId, expiresAt })
      .returning({ id: invitations.id });
    const link = `${baseUrl.replace(/\/$/, "")}/invite/${token}`;
    await enqueueEmail(tx, {
      to: input.email,
      subject: `邀请加入 ${org!.nameZh} · Invitation to join ${org!.nameEn ?? org!.nameZh} on Fanglian`,
      body:
        `${inviter!.name} 邀请您加入纺链上的「${org!.nameZh}」。打开链接接受邀请（${INVITATION_DAYS} 天内有效）：\n${link}\n\n` +
        `${inviter!.name} invited you to join ${org!.nameEn ?? org!.nameZh} on Fanglian. Open the link to accept (valid ${INVITATION_DAYS} days):\n${link}\n`,
    });
    await writeAudit(tx, { organizationId: orgId, actorUserId: ctx.actor.userId, action: "membership.invited", entityType: "invitation", entityId: inv!.id, changes: { email: input.email, role: input.role } });
    return { id: inv!.id, link };
  });
}

export async function revokeInvitation({ ctx, invitationId }: { ctx: OrgContext; invitationId: string }) {
  assertRole(ctx, ["owner", "admin"]);
  return ctx.db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ revokedAt: now(ctx) })
      .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, ctx.membership.organizationId), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!inv) throw notFound();
    await writeAudit(tx, { organizationId: ctx.membership.organizationId, actorUserId: ctx.actor.userId, action: "membership.invitation_revoked", entityType: "invitation", entityId: inv.id });
    return inv;
  });
}

export async function findOpenInvitation(db: Db, token: string, at: Date): Promise<Invitation> {
  const [inv] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash(token)));
  if (!inv || inv.revokedAt || inv.acceptedAt) throw notFound("invitationNotFound");
  if (inv.expiresAt <= at) throw invalid("invitationExpired");
  return inv;
}

/** What the invitation page shows before the visitor signs in or signs up. */
export async function previewInvitation(db: Db, token: string, at = new Date()) {
  const inv = await findOpenInvitation(db, token, at);
  const [org] = await db.select({ id: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn, type: organizations.type }).from(organizations).where(eq(organizations.id, inv.organizationId));
  return { email: inv.email, role: inv.role, organization: org!, expiresAt: inv.expiresAt };
}

export async function acceptInvitationInTx(tx: Db, inv: Invitation, userId: string, at: Date) {
  const claimed = await tx
    .update(invitations)
    .set({ acceptedAt: at })
    .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  if (claimed.length === 0) throw notFound("invitationNotFound");
  await tx.insert(memberships).values({ organizationId: inv.organizationId, userId, role: inv.role }).onConflictDoNothing();
  await tx.update(users).set({ activeOrganizationId: inv.organizationId }).where(eq(users.id, userId));
  await writeAudit(tx, { organizationId: inv.organizationId, actorUserId: userId, action: "membership.joined", entityType: "membership", entityId: userId, changes: { role: inv.role } });
  return { id: inv.organizationId };
}

/** A signed-in user accepts an invitation addressed to their e-mail. */
export async function acceptInvitation({ ctx, token }: { ctx: AuthedContext; token: string }) {
  const at = now(ctx);
  const inv = await findOpenInvitation(ctx.db, token, at);
  const [user] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.actor.userId));
  if (!user?.email || user.email !== inv.email) throw forbidden("invitationEmailMismatch");
  return ctx.db.transaction((tx) => acceptInvitationInTx(tx, inv, ctx.actor.userId, at));
}

async function ownerCount(tx: Db, orgId: string) {
  const [row] = await tx.select({ n: count() }).from(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.role, "owner")));
  return row?.n ?? 0;
}

async function lockMembership(tx: Db, orgId: string, membershipId: string) {
  // Lock every membership row of the organisation so two concurrent demotions cannot leave it ownerless.
  const rows = await tx.select().from(memberships).where(eq(memberships.organizationId, orgId)).for("update");
  const target = rows.find((r) => r.id === membershipId);
  if (!target) throw notFound();
  return target;
}

export async function changeRole({ ctx, input }: { ctx: OrgContext; input: { membershipId: string; role: MemberRole } }) {
  assertRole(ctx, ["owner"]);
  const orgId = ctx.membership.organizationId;
  return ctx.db.transaction(async (tx) => {
    const target = await lockMembership(tx, orgId, input.membershipId);
    if (target.role === "owner" && input.role !== "owner" && (await ownerCount(tx, orgId)) <= 1) throw conflict("lastOwner");
    await tx.update(memberships).set({ role: input.role }).where(eq(memberships.id, target.id));
    await writeAudit(tx, { organizationId: orgId, actorUserId: ctx.actor.userId, action: "membership.role_changed", entityType: "membership", entityId: target.id, changes: { role: [target.role, input.role] } });
    return { id: target.id, role: input.role };
  });
}

/** Owners remove anyone, admins remove members; anyone may leave. The last owner cannot go. */
export async function removeMember({ ctx, membershipId }: { ctx: OrgContext; membershipId: string }) {
  const orgId = ctx.membership.organizationId;
  return ctx.db.transaction(async (tx) => {
    const target = await lockMembership(tx, orgId, membershipId);
    const self = target.userId === ctx.actor.userId;
    if (!self) {
      assertRole(ctx, ["owner", "admin"]);
      if (ctx.membership.role === "admin" && target.role !== "member") throw forbidden("roleRequired");
    }
    if (target.role === "owner" && (await ownerCount(tx, orgId)) <= 1) throw conflict("lastOwner");
    await tx.delete(memberships).where(eq(memberships.id, target.id));
    await tx.update(users).set({ activeOrganizationId: null }).where(and(eq(users.id, target.userId), eq(users.activeOrganizationId, orgId)));
    await writeAudit(tx, { organizationId: orgId, actorUserId: ctx.actor.userId, action: self ? "membership.left" : "membership.removed", entityType: "membership", entityId: target.id, changes: { userId: target.userId, role: target.role } });
    return { id: target.id };
  });
}
