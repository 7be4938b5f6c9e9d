import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/types";
import { auditLog } from "../db/schema";

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
  return db
    .select()
    .from(auditLog)
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
