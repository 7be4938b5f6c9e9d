import "server-only";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { isPlanId, SUBSCRIPTION_STATUSES, type PlanId, type SubscriptionStatus } from "@/domain/billing/plans";
import { env } from "@/env";
import type { Db } from "../db/types";
import { organizations, stripeCustomers, stripeEvents, subscriptions } from "../db/schema";
import { writeAudit } from "./audit";
import { withPlanChange } from "./billing-limits";

type Outcome = (typeof stripeEvents.$inferSelect)["outcome"];
export type WebhookResult = { result: "invalid_signature" } | { result: "duplicate"; eventId: string } | { result: Outcome; eventId: string };

const HANDLED = new Set(["checkout.session.completed", "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted"]);

/**
 * Verifies a Stripe webhook on its raw body (signature and the SDK's default 300 s tolerance) and
 * applies it once: the event's row and its effect are written in one transaction, so a retry after a
 * failure applies it and a redelivery after success does nothing. Never calls Stripe. A failure of
 * the database throws (the caller answers 5xx and Stripe retries). docs/billing.md
 */
export async function handleStripeWebhook(opts: { db: Db; secret: string; payload: string; signature: string | null; receivedAt?: Date }): Promise<WebhookResult> {
  let event: Stripe.Event;
  try {
    // `receivedAt` (ms; tests and replays) defaults to now inside the SDK; the tolerance stays the SDK's 300 s.
    event = Stripe.webhooks.constructEvent(opts.payload, opts.signature ?? "", opts.secret, undefined, undefined, opts.receivedAt?.getTime());
  } catch {
    return { result: "invalid_signature" };
  }
  const at = opts.receivedAt ?? new Date();
  return opts.db.transaction(async (tx) => {
    const object = event.data.object as { id?: string };
    const [claimed] = await tx
      .insert(stripeEvents)
      .values({ eventId: event.id, type: event.type, objectId: object.id ?? null, eventCreatedAt: new Date(event.created * 1000), outcome: "ignored_type", receivedAt: at })
      .onConflictDoNothing()
      .returning({ eventId: stripeEvents.eventId });
    if (!claimed) return { result: "duplicate" as const, eventId: event.id };
    if (!HANDLED.has(event.type)) return { result: "ignored_type" as const, eventId: event.id };
    const applied =
      event.type === "checkout.session.completed"
        ? await applyCheckout(tx, event.data.object as Stripe.Checkout.Session, at)
        : await applySubscription(tx, event.data.object as Stripe.Subscription, event.type === "customer.subscription.deleted", new Date(event.created * 1000), at);
    await tx.update(stripeEvents).set({ outcome: applied.outcome, organizationId: applied.organizationId ?? null }).where(eq(stripeEvents.eventId, event.id));
    if (applied.outcome === "applied")
      await writeAudit(tx, { organizationId: applied.organizationId, action: `billing.stripe.${event.type}`, entityType: "stripe_event", entityId: event.id });
    return { result: applied.outcome, eventId: event.id };
  });
}

type Applied = { outcome: Outcome; organizationId?: string };
const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

async function existingOrganization(tx: Db, id: unknown): Promise<string | null> {
  if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id));
  return org?.id ?? null;
}

async function linkCustomer(tx: Db, customerId: string | null, organizationId: string) {
  if (customerId) await tx.insert(stripeCustomers).values({ customerId, organizationId }).onConflictDoNothing();
}

/**
 * A completed Checkout links the customer and the subscription to the organisation it was opened
 * for. It sets the plan only while no subscription event has been applied yet: when
 * `customer.subscription.updated` came first, its state stands.
 */
async function applyCheckout(tx: Db, session: Stripe.Checkout.Session, at: Date): Promise<Applied> {
  const organizationId = await existingOrganization(tx, session.client_reference_id ?? session.metadata?.organizationId);
  const plan = session.metadata?.plan;
  const subscriptionId = idOf(session.subscription);
  if (!organizationId || session.mode !== "subscription" || !subscriptionId || !isPlanId(plan)) return { outcome: "ignored_unknown_object" };
  const customerId = idOf(session.customer);
  await linkCustomer(tx, customerId, organizationId);
  const [row] = await tx.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId)).for("update");
  const link = { stripeCustomerId: customerId, stripeSubscriptionId: subscriptionId, updatedAt: at };
  if (row && row.stripeSubscriptionId === subscriptionId && row.stripeStateAt) {
    await tx.update(subscriptions).set(link).where(eq(subscriptions.id, row.id));
    return { outcome: "applied", organizationId };
  }
  const state = { ...link, plan, status: "active" as const, source: "stripe" as const, stripeStateAt: null, grantedBy: null, note: null, currentPeriodStart: at, currentPeriodEnd: null };
  await withPlanChange(tx, organizationId, at, () => tx.insert(subscriptions).values({ ...state, organizationId, createdAt: at }).onConflictDoUpdate({ target: subscriptions.organizationId, set: state }));
  return { outcome: "applied", organizationId };
}

function planFromSubscription(sub: Stripe.Subscription): PlanId | null {
  const prices: Record<string, PlanId> = {};
  if (env.STRIPE_PRICE_ANCHOR_PRO) prices[env.STRIPE_PRICE_ANCHOR_PRO] = "anchor_pro";
  if (env.STRIPE_PRICE_SME_PRO) prices[env.STRIPE_PRICE_SME_PRO] = "sme_pro";
  if (env.STRIPE_PRICE_SERVICE_CENTRE) prices[env.STRIPE_PRICE_SERVICE_CENTRE] = "service_centre";
  for (const item of sub.items?.data ?? []) if (item.price?.id && prices[item.price.id]) return prices[item.price.id]!;
  return isPlanId(sub.metadata?.plan) && sub.metadata.plan !== "free" ? sub.metadata.plan : null;
}

const seconds = (v: unknown) => (typeof v === "number" ? new Date(v * 1000) : null);

/** The subscription's own state, unless an event at least as new was applied already. */
async function applySubscription(tx: Db, sub: Stripe.Subscription, deleted: boolean, eventAt: Date, at: Date): Promise<Applied> {
  const customerId = idOf(sub.customer);
  const [bySubscription] = await tx.select().from(subscriptions).where(eq(subscriptions.stripeSubscriptionId, sub.id)).for("update");
  let organizationId = bySubscription?.organizationId ?? null;
  if (!organizationId && customerId) {
    const [c] = await tx.select({ organizationId: stripeCustomers.organizationId }).from(stripeCustomers).where(eq(stripeCustomers.customerId, customerId));
    organizationId = c?.organizationId ?? null;
  }
  organizationId ??= await existingOrganization(tx, sub.metadata?.organizationId);
  const plan = planFromSubscription(sub) ?? bySubscription?.plan ?? null;
  if (!organizationId || !plan) return { outcome: "ignored_unknown_object" };
  await linkCustomer(tx, customerId, organizationId);
  const [row] = bySubscription ? [bySubscription] : await tx.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId)).for("update");
  const status: SubscriptionStatus = deleted ? "canceled" : (SUBSCRIPTION_STATUSES.find((s) => s === sub.status) ?? "incomplete");
  if (row?.stripeSubscriptionId === sub.id && row.stripeStateAt && row.stripeStateAt.getTime() > eventAt.getTime()) return { outcome: "ignored_stale", organizationId };
  // The end of an older subscription must not cancel the one that replaced it.
  if (row?.source === "stripe" && row.stripeSubscriptionId && row.stripeSubscriptionId !== sub.id && (deleted || status === "canceled")) return { outcome: "ignored_stale", organizationId };
  const item = sub.items?.data?.[0] as { current_period_start?: number; current_period_end?: number } | undefined;
  const legacy = sub as unknown as { current_period_start?: number; current_period_end?: number };
  const state = {
    plan,
    status,
    source: "stripe" as const,
    stripeCustomerId: customerId,
    stripeSubscriptionId: sub.id,
    currentPeriodStart: seconds(item?.current_period_start ?? legacy.current_period_start),
    currentPeriodEnd: seconds(item?.current_period_end ?? legacy.current_period_end),
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
    stripeStateAt: eventAt,
    grantedBy: null,
    note: null,
    updatedAt: at,
  };
  await withPlanChange(tx, organizationId, at, () => tx.insert(subscriptions).values({ ...state, organizationId, createdAt: at }).onConflictDoUpdate({ target: subscriptions.organizationId, set: state }));
  return { outcome: "applied", organizationId };
}
