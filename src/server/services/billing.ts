import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { effectivePlan, entitlementsOf, PLAN_IDS } from "@/domain/billing/plans";
import { uuidSchema } from "@/domain/schemas/common";
import { env } from "@/env";
import type { Db } from "../db/types";
import { organizations, subscriptions } from "../db/schema";
import { forbidden, notFound } from "../errors";
import { writeAudit } from "./audit";
import { usageOf, withPlanChange } from "./billing-limits";
import { now, type AuthedContext, type OrgContext } from "./context";

export type Subscription = typeof subscriptions.$inferSelect;

/** Whether card payments through Stripe are on (STRIPE_SECRET_KEY set); without them an admin grants plans. */
export const paymentsEnabled = () => Boolean(env.STRIPE_SECRET_KEY);

export async function subscriptionOf(db: Db, organizationId: string): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId));
  return row ?? null;
}

/** The active organisation's plan, what it entitles and what it uses (any member may look). */
export async function myBilling({ ctx }: { ctx: OrgContext }) {
  const organizationId = ctx.membership.organizationId;
  const sub = await subscriptionOf(ctx.db, organizationId);
  const plan = effectivePlan(sub, now(ctx));
  return {
    plan,
    entitlements: entitlementsOf(plan),
    usage: await usageOf(ctx.db, organizationId, now(ctx)),
    subscription: sub && {
      plan: sub.plan,
      status: sub.status,
      source: sub.source,
      currentPeriodEnd: sub.currentPeriodEnd,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    },
    paymentsEnabled: paymentsEnabled(),
  };
}

export const grantInputSchema = z.object({
  organizationId: uuidSchema,
  plan: z.enum(PLAN_IDS).exclude(["free"]),
  // Last day of the grant (inclusive, China time); open-ended when absent.
  until: z.iso.date().optional(),
  note: z.string().trim().max(500).optional(),
});

/**
 * Writes an admin (or bank-transfer) grant onto the organisation's one subscription row, inside the
 * caller's transaction. A Stripe subscription is replaced by the grant: the admin decides.
 */
export async function applyGrant(
  tx: Db,
  g: { organizationId: string; plan: Subscription["plan"]; source: "admin" | "bank_transfer"; until?: string; note?: string; actorUserId: string | null; at: Date },
) {
  const values = {
    plan: g.plan,
    status: "active" as const,
    source: g.source,
    currentPeriodStart: g.at,
    currentPeriodEnd: g.until ? new Date(`${g.until}T23:59:59.999+08:00`) : null,
    cancelAtPeriodEnd: false,
    grantedBy: g.actorUserId,
    note: g.note ?? null,
    updatedAt: g.at,
  };
  const [row] = await withPlanChange(tx, g.organizationId, g.at, () =>
    tx.insert(subscriptions).values({ ...values, organizationId: g.organizationId, createdAt: g.at }).onConflictDoUpdate({ target: subscriptions.organizationId, set: values }).returning(),
  );
  await writeAudit(tx, {
    organizationId: g.organizationId,
    actorUserId: g.actorUserId,
    action: "billing.grant",
    entityType: "subscription",
    entityId: row!.id,
    changes: { plan: g.plan, source: g.source, until: g.until ?? null, note: g.note ?? null },
  });
  return row!;
}

async function assertOrganization(tx: Db, organizationId: string) {
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
  if (!org) throw notFound();
}

export async function grantPlan({ ctx, input }: { ctx: AuthedContext; input: z.input<typeof grantInputSchema> }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  const g = grantInputSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    await assertOrganization(tx, g.organizationId);
    return applyGrant(tx, { ...g, source: "admin", actorUserId: ctx.actor.userId, at: now(ctx) });
  });
}

/** Ends the organisation's plan now (it falls back to free); the row stays, marked canceled, for the record. */
export async function revokePlan({ ctx, input }: { ctx: AuthedContext; input: { organizationId: string; note?: string } }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  const { organizationId, note } = z.object({ organizationId: uuidSchema, note: z.string().trim().max(500).optional() }).parse(input);
  return ctx.db.transaction(async (tx) => {
    await assertOrganization(tx, organizationId);
    const [row] = await withPlanChange(tx, organizationId, now(ctx), () =>
      tx
        .update(subscriptions)
        .set({ status: "canceled", currentPeriodEnd: now(ctx), cancelAtPeriodEnd: false, note: note ?? null, updatedAt: now(ctx) })
        .where(eq(subscriptions.organizationId, organizationId))
        .returning(),
    );
    if (!row) throw notFound();
    await writeAudit(tx, { organizationId, actorUserId: ctx.actor.userId, action: "billing.revoke", entityType: "subscription", entityId: row.id, changes: { plan: row.plan, note: note ?? null } });
    return row;
  });
}

/** Organisations with a subscription row, newest change first, for the admin tab. */
export async function listSubscriptions({ ctx }: { ctx: AuthedContext }) {
  if (!ctx.actor.isPlatformAdmin) throw forbidden();
  const rows = await ctx.db
    .select({ sub: subscriptions, nameZh: organizations.nameZh, nameEn: organizations.nameEn })
    .from(subscriptions)
    .innerJoin(organizations, eq(organizations.id, subscriptions.organizationId))
    .orderBy(desc(subscriptions.updatedAt))
    .limit(200);
  return rows.map((r) => ({ ...r.sub, organizationNameZh: r.nameZh, organizationNameEn: r.nameEn, effectivePlan: effectivePlan(r.sub, now(ctx)) }));
}
