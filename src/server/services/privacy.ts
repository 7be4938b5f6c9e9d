import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { auditLog, files, memberships, organizations, users } from "../db/schema";
import { conflict, notFound } from "../errors";
import { writeAudit } from "./audit";
import type { AuthedContext } from "./context";

/** PIPL art. 45: a person may obtain a copy of their personal information. */
export async function exportMyData({ ctx }: { ctx: AuthedContext }) {
  const id = ctx.actor.userId;
  const [user] = await ctx.db.select().from(users).where(eq(users.id, id));
  if (!user) throw notFound();
  const { passwordHash: _omit, ...profile } = user;
  const orgs = await ctx.db
    .select({ organizationId: memberships.organizationId, role: memberships.role, since: memberships.createdAt, nameZh: organizations.nameZh })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, id));
  const activity = await ctx.db
    .select({ action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, at: auditLog.createdAt })
    .from(auditLog)
    .where(eq(auditLog.actorUserId, id));
  const uploaded = await ctx.db
    .select({ id: files.id, purpose: files.purpose, mime: files.mime, size: files.size, originalName: files.originalName, createdAt: files.createdAt })
    .from(files)
    .where(eq(files.ownerUserId, id));
  return { exportedAt: (ctx.now ?? new Date()).toISOString(), profile, memberships: orgs, activity, files: uploaded };
}

/**
 * PIPL art. 47: deletion. The user row goes (memberships cascade, audit rows keep the action but lose
 * the actor). An owner who is the last owner of an organisation that still has other members must
 * hand it over first, so no firm is left without anyone who can manage it.
 */
export async function deleteMyAccount({ ctx }: { ctx: AuthedContext }) {
  const id = ctx.actor.userId;
  return ctx.db.transaction(async (tx) => {
    const owned = await tx.select({ orgId: memberships.organizationId }).from(memberships).where(and(eq(memberships.userId, id), eq(memberships.role, "owner")));
    for (const { orgId } of owned) {
      const others = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.organizationId, orgId), ne(memberships.userId, id)));
      if (others.length > 0 && !others.some((o) => o.role === "owner")) throw conflict("transferOwnershipFirst");
    }
    await writeAudit(tx, { action: "user.deleted", entityType: "user", entityId: id });
    const deleted = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    if (deleted.length === 0) throw notFound();
    return { deleted: true };
  });
}
