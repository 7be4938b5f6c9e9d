import "server-only";
import { and, count, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { effectivePlan, ENTITLED, entitlementsOf, exceeds, type PlanId } from "@/domain/billing/plans";
import type { Db } from "../db/types";
import { demands, listings, organizations, subscriptions } from "../db/schema";
import { DomainError } from "../errors";
import { enqueueOrganizationDocuments } from "../search/outbox";
import { rows } from "../search/postgres/sql";

/** The organisation's plan now, from its subscription row (none: free). */
export async function planOf(db: Db, organizationId: string, at: Date = new Date()): Promise<PlanId> {
  const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId));
  return effectivePlan(sub, at);
}

/**
 * Runs `write`, which changes the organisation's subscription row inside the caller's transaction,
 * and when that changes the organisation's effective plan re-sends its listings and demands to the
 * search index in the same transaction: their documents carry the plan's placement flags
 * (`orgFeatured`, `orgPriority`; docs/billing.md "Placement"). Every path that writes a
 * subscription goes through here (applyGrant, revokePlan, the Stripe webhook).
 */
export async function withPlanChange<T>(tx: Db, organizationId: string, at: Date, write: () => Promise<T>): Promise<T> {
  const before = await planOf(tx, organizationId, at);
  const result = await write();
  if ((await planOf(tx, organizationId, at)) !== before) await enqueueOrganizationDocuments(tx, organizationId);
  return result;
}

/** How far back the alerts pass looks for grants that ended by date (less than the day processed outbox rows are kept). */
const ENDED_GRANT_WINDOW_MS = 12 * 3_600_000;

/**
 * A grant (admin, bank transfer) with an end date ends by itself, with no write to re-index the
 * organisation's documents: every alerts pass (each minute) queues the listings and demands of
 * organisations whose grant ended in the last 12 hours and that have not been queued since it ended.
 * Idempotent and stateless; after a longer stop the next write or `reindex` brings them up to date.
 * Returns the rows queued.
 */
export async function enqueueEndedGrantDocuments(db: Db, at: Date = new Date()): Promise<number> {
  const since = new Date(at.getTime() - ENDED_GRANT_WINDOW_MS);
  const statuses = sql.join(
    ENTITLED.map((s) => sql`${s}`),
    sql`, `,
  );
  const queued = await rows<{ id: number }>(db, sql`with ended as (
      select organization_id, current_period_end as ended_at from subscriptions
      where source <> 'stripe' and status in (${statuses})
        and current_period_end <= ${at.toISOString()}::timestamptz and current_period_end > ${since.toISOString()}::timestamptz)
    insert into search_outbox (entity, entity_id, version, op)
    select 'listing', l.id, l.version, 'upsert' from listings l join ended e on e.organization_id = l.organization_id
      where not exists (select 1 from search_outbox o where o.entity = 'listing' and o.entity_id = l.id and o.created_at >= e.ended_at)
    union all
    select 'demand', d.id, d.version, 'upsert' from demands d join ended e on e.organization_id = d.organization_id
      where not exists (select 1 from search_outbox o where o.entity = 'demand' and o.entity_id = d.id and o.created_at >= e.ended_at)
    returning id`);
  return queued.length;
}

/** Organisations whose plan has the placement flags now (demands ranked first in suppliers' feeds; featured listings). */
export async function placementOf(db: Db, organizationIds: readonly string[], at: Date = new Date()): Promise<Map<string, { priority: boolean; featured: boolean }>> {
  const out = new Map<string, { priority: boolean; featured: boolean }>();
  if (organizationIds.length === 0) return out;
  const subs = await db.select().from(subscriptions).where(inArray(subscriptions.organizationId, [...new Set(organizationIds)]));
  for (const row of subs) {
    const e = entitlementsOf(effectivePlan(row, at));
    out.set(row.organizationId, { priority: e.priorityPlacement, featured: e.featuredListings });
  }
  return out;
}

/** `rows` with `featured` set from their organisation's plan at `at` (listing cards, the capacity board). */
export async function withFeatured<R extends { orgId: string }>(db: Db, rows: R[], at: Date): Promise<(R & { featured: boolean })[]> {
  const placement = await placementOf(
    db,
    rows.map((r) => r.orgId),
    at,
  );
  return rows.map((r) => ({ ...r, featured: placement.get(r.orgId)?.featured ?? false }));
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

export type EntitledFeature = "brokeringTools";

/**
 * Refuses a feature the organisation's plan does not include (`brokeringTools`: a service centre's
 * introductions, management requests, writes on a managed firm's behalf and analytics;
 * docs/billing.md). Call it in the service before the work, inside its transaction when it has one.
 */
export async function assertEntitled(db: Db, organizationId: string, feature: EntitledFeature, at: Date = new Date()): Promise<void> {
  const plan = await planOf(db, organizationId, at);
  if (!entitlementsOf(plan)[feature]) throw new DomainError("FORBIDDEN", "billing.errors.featureNotInPlan", { feature, plan });
}
