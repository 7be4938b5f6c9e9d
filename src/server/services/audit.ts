import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/types";
import { auditLog, organizations, users } from "../db/schema";

export interface AuditEntry {
  organizationId?: string | null;
  actorUserId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: unknown;
}

/** Written inside the caller's transaction, so an audit row exists exactly when the change does. */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    organizationId: entry.organizationId ?? null,
    actorUserId: entry.actorUserId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? null,
  });
}

export async function queryAudit(db: Db, opts: { organizationId?: string; before?: number; limit: number }) {
  const conds = [];
  if (opts.organizationId) conds.push(eq(auditLog.organizationId, opts.organizationId));
  if (opts.before) conds.push(lt(auditLog.id, opts.before));
  // Names are joined in so that admins can read the log; a deleted actor shows as null.
  return db
    .select({
      id: auditLog.id,
      organizationId: auditLog.organizationId,
      actorUserId: auditLog.actorUserId,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      changes: auditLog.changes,
      createdAt: auditLog.createdAt,
      actorName: users.name,
      actorEmail: users.email,
      organizationNameZh: organizations.nameZh,
      organizationNameEn: organizations.nameEn,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
}

/** Field-by-field difference between two versions of a row, for the audit log. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    const old = before[k];
    if (JSON.stringify(old ?? null) !== JSON.stringify(v ?? null)) out[k] = [old ?? null, v ?? null];
  }
  return out;
}
