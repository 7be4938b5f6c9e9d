import "server-only";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/types";
import { dealRatings, deals, deliveryRecords, organizations } from "../db/schema";
import { notFound } from "../errors";
import { now, type ServiceContext } from "./context";

/**
 * Each organisation's delivery record as a supplier (docs/deals.md): deals delivered, those on or
 * before their due date, and the ratings its buyers gave, with averages. Recomputed from the deals
 * and ratings inside the transaction that delivers or rates, under a lock on the record's row, so
 * two deliveries or ratings committing at once cannot overwrite each other's counts.
 */

export async function refreshDeliveryRecord(tx: Db, organizationId: string, ctx: { now?: Date }): Promise<void> {
  await tx.insert(deliveryRecords).values({ organizationId }).onConflictDoNothing();
  // After this lock each statement sees what the other writers committed (read committed).
  await tx.select({ id: deliveryRecords.organizationId }).from(deliveryRecords).where(eq(deliveryRecords.organizationId, organizationId)).for("update");
  const [delivered] = await tx
    .select({ deals: count(), onTime: sql<number>`(count(*) filter (where ${deals.deliveredAt} <= ${deals.dueDate}))::int`.mapWith(Number) })
    .from(deals)
    .where(and(eq(deals.supplierOrgId, organizationId), isNotNull(deals.deliveredAt)));
  const avg = (col: AnyPgColumn) => sql<number | null>`avg(${col})::float8`.mapWith((v) => (v === null ? null : Number(v)));
  const [rated] = await tx
    .select({ n: count(), onTime: avg(dealRatings.onTime), quality: avg(dealRatings.quality), communication: avg(dealRatings.communication) })
    .from(dealRatings)
    .innerJoin(deals, eq(deals.id, dealRatings.dealId))
    // Ratings of it as the supplier, given by the deal's buyer.
    .where(and(eq(dealRatings.rateeOrgId, organizationId), eq(deals.supplierOrgId, organizationId), eq(dealRatings.raterOrgId, deals.buyerOrgId)));
  await tx
    .update(deliveryRecords)
    .set({
      deliveredDeals: delivered?.deals ?? 0,
      onTimeDeals: delivered?.onTime ?? 0,
      ratings: rated?.n ?? 0,
      avgOnTime: rated?.onTime ?? null,
      avgQuality: rated?.quality ?? null,
      avgCommunication: rated?.communication ?? null,
      updatedAt: now(ctx),
    })
    .where(eq(deliveryRecords.organizationId, organizationId));
}

export interface DeliveryRecord {
  organizationId: string;
  deliveredDeals: number;
  onTimeDeals: number;
  /** onTimeDeals / deliveredDeals, null before the first delivery. */
  onTimeRate: number | null;
  ratings: number;
  avgOnTime: number | null;
  avgQuality: number | null;
  avgCommunication: number | null;
  /** The mean of the three averages, null without ratings. */
  avgOverall: number | null;
}

export function toDeliveryRecord(organizationId: string, row: typeof deliveryRecords.$inferSelect | undefined): DeliveryRecord {
  const r = row ?? { deliveredDeals: 0, onTimeDeals: 0, ratings: 0, avgOnTime: null, avgQuality: null, avgCommunication: null };
  const parts = [r.avgOnTime, r.avgQuality, r.avgCommunication];
  return {
    organizationId,
    deliveredDeals: r.deliveredDeals,
    onTimeDeals: r.onTimeDeals,
    onTimeRate: r.deliveredDeals > 0 ? r.onTimeDeals / r.deliveredDeals : null,
    ratings: r.ratings,
    avgOnTime: r.avgOnTime,
    avgQuality: r.avgQuality,
    avgCommunication: r.avgCommunication,
    avgOverall: r.ratings > 0 && parts.every((p) => p !== null) ? (parts as number[]).reduce((a, b) => a + b, 0) / 3 : null,
  };
}

/** Public: shown on the organisation's page. An organisation without deals has an empty record. */
export async function getDeliveryRecord({ ctx, organizationId }: { ctx: ServiceContext; organizationId: string }): Promise<DeliveryRecord> {
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!org) throw notFound();
  const [row] = await ctx.db.select().from(deliveryRecords).where(eq(deliveryRecords.organizationId, organizationId));
  return toDeliveryRecord(organizationId, row);
}
