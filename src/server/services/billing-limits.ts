import "server-only";
import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import { effectivePlan, entitlementsOf, exceeds, type PlanId } from "@/domain/billing/plans";
import type { Db } from "../db/types";
import { demands, listings, organizations, subscriptions } from "../db/schema";
import { DomainError } from "../errors";

/** The organisation's plan now, from its subscription row (none: free). */
export async function planOf(db: Db, organizationId: string, at: Date = new Date()): Promise<PlanId> {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId));
  return effectivePlan(sub, at);
}

/** What the organisation uses of its limited entitlements (a demand past its quote deadline is no longer open). */
export async function usageOf(db: Db, organizationId: string, at: Date = new Date()) {
  const open = and(eq(demands.status, "open"), or(isNull(demands.quoteDeadline), gt(demands.quoteDeadline, at)));
  const [[d], [l]] = await Promise.all([
    db.select({ n: count() }).from(demands).where(and(eq(demands.organizationId, organizationId), open)),
    db.select({ n: count() }).from(listings).where(and(eq(listings.organizationId, organizationId), eq(listings.status, "published"))),
  ]);
  return { openDemands: d?.n ?? 0, publishedListings: l?.n ?? 0 };
}

export type LimitedResource = "openDemands" | "publishedListings";

/**
 * Refuses one more open demand or published listing beyond the organisation's plan. Call it inside
 * the transaction that creates or publishes, before the write: it locks the organisation row, so two
 * concurrent requests of the same organisation count one after the other.
 */
export async function assertWithinLimit(tx: Db, organizationId: string, resource: LimitedResource, at: Date = new Date()): Promise<void> {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
  const plan = await planOf(tx, organizationId, at);
  const limit = entitlementsOf(plan)[resource];
  if (limit === null) return;
  const used = (await usageOf(tx, organizationId, at))[resource];
  if (exceeds(limit, used + 1)) throw new DomainError("CONFLICT", "billing.errors.limitReached", { limit, plan, resource });
}
