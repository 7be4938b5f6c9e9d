import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { MemberRole } from "@/domain/schemas/organization";
import type { Db } from "../db/types";
import { managedProfileConsents, organizations } from "../db/schema";
import { DomainError } from "../errors";
import { assertRole } from "./authz";
import { assertEntitled } from "./billing-limits";
import { now, type OrgContext } from "./context";

/**
 * Who may write an organisation's profile and listings on its behalf (代管, docs/managed-profiles.md):
 * a service centre with an active consent of the firm, or the centre that created the profile
 * itself (`created_via = 'centre'`, `created_by_org_id` = the centre) while nobody has claimed it
 * (`claimed_at` null) and it has no members. After a claim, only a consent lets the centre in.
 */
export async function canManage(tx: Db, actorOrgId: string, targetOrgId: string): Promise<boolean> {
  if (actorOrgId === targetOrgId) return false;
  const [centre] = await tx.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, actorOrgId));
  if (centre?.type !== "service_center") return false;
  // Locked for share: a revoke waits for this write, and a write after the revoke sees it.
  const [consent] = await tx
    .select({ id: managedProfileConsents.id })
    .from(managedProfileConsents)
    .where(and(eq(managedProfileConsents.organizationId, targetOrgId), eq(managedProfileConsents.centreOrgId, actorOrgId), eq(managedProfileConsents.status, "active")))
    .for("share");
  if (consent) return true;
  const [created] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      and(
        eq(organizations.id, targetOrgId),
        eq(organizations.createdVia, "centre"),
        eq(organizations.createdByOrgId, actorOrgId),
        isNull(organizations.claimedAt),
        sql`not exists (select 1 from memberships m where m.organization_id = ${targetOrgId}::uuid)`,
      ),
    );
  return Boolean(created);
}

export interface ActingFor {
  /** The organisation written to: the active one, or the firm a centre manages. */
  organizationId: string;
  /** The centre acting on the firm's behalf, or null on the default path. */
  centreOrgId: string | null;
}

/**
 * The organisation-scoped check of the profile and listing writes: the caller's role in the active
 * organisation, then (when another organisation is named) that the active one manages it and that
 * its plan includes the brokering tools (docs/billing.md). Call inside the write's transaction, so a
 * consent revoked before it stops it.
 */
export async function actFor(tx: Db, ctx: OrgContext, targetOrgId: string | undefined, roles: readonly MemberRole[]): Promise<ActingFor> {
  assertRole(ctx, roles);
  const active = ctx.membership.organizationId;
  if (!targetOrgId || targetOrgId === active) return { organizationId: active, centreOrgId: null };
  if (!(await canManage(tx, active, targetOrgId))) throw new DomainError("FORBIDDEN", "managed.errors.notManaged");
  await assertEntitled(tx, active, "brokeringTools", now(ctx));
  return { organizationId: targetOrgId, centreOrgId: active };
}

/** The `field_sources` label of a write on a firm's behalf. */
export const centreSource = (centreOrgId: string) => `centre:${centreOrgId}`;
