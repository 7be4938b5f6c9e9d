/**
 * Plans and what each one entitles an organisation to (issue 7, docs/billing.md). Shared by the
 * services that enforce the limits, the /billing page that shows them and the webhook that maps
 * Stripe subscriptions onto plans. `null` means unlimited.
 */
export const PLAN_IDS = ["free", "anchor_pro", "sme_pro", "service_centre"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

/** Stripe's subscription statuses, stored as they come; admin and bank-transfer grants are `active`. */
export const SUBSCRIPTION_STATUSES = ["active", "trialing", "past_due", "unpaid", "incomplete", "incomplete_expired", "paused", "canceled"] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const SUBSCRIPTION_SOURCES = ["stripe", "admin", "bank_transfer"] as const;
export type SubscriptionSource = (typeof SUBSCRIPTION_SOURCES)[number];

export interface Entitlements {
  /** Demands open at the same time. */
  openDemands: number | null;
  /** Listings published at the same time. */
  publishedListings: number | null;
  /** The organisation's demands rank first in suppliers' feeds. */
  priorityPlacement: boolean;
  /** The organisation's listings are featured in search and on the capacity board. */
  featuredListings: boolean;
  /** Brokering tools and analytics for service centres. */
  brokeringTools: boolean;
}

const PLANS: Record<PlanId, Entitlements> = {
  free: { openDemands: 3, publishedListings: 10, priorityPlacement: false, featuredListings: false, brokeringTools: false },
  anchor_pro: { openDemands: null, publishedListings: 30, priorityPlacement: true, featuredListings: false, brokeringTools: false },
  sme_pro: { openDemands: 10, publishedListings: 100, priorityPlacement: false, featuredListings: true, brokeringTools: false },
  service_centre: { openDemands: 20, publishedListings: 100, priorityPlacement: false, featuredListings: false, brokeringTools: true },
};

export function entitlementsOf(plan: PlanId): Entitlements {
  return PLANS[plan];
}

/** Statuses in which a paid plan applies; in any other (unpaid, canceled, …) the organisation is on free. */
export const ENTITLED: readonly SubscriptionStatus[] = ["active", "trialing", "past_due"];

/**
 * The plan an organisation's subscription row gives it at `at` (no row: free). A Stripe subscription
 * counts by its status (Stripe tells us when it ends); a grant (admin, bank transfer) also ends at
 * the end of its period when it has one.
 */
export function effectivePlan(
  sub: { plan: PlanId; status: SubscriptionStatus; source?: SubscriptionSource; currentPeriodEnd?: Date | null } | null | undefined,
  at: Date = new Date(),
): PlanId {
  if (!sub || !ENTITLED.includes(sub.status)) return "free";
  if (sub.source !== "stripe" && sub.currentPeriodEnd && sub.currentPeriodEnd.getTime() <= at.getTime()) return "free";
  return sub.plan;
}

export const isPlanId = (v: unknown): v is PlanId => typeof v === "string" && (PLAN_IDS as readonly string[]).includes(v);

/** True when `used` more would exceed `limit` (null: unlimited). */
export const exceeds = (limit: number | null, usedAfter: number) => limit !== null && usedAfter > limit;

/** Paid plans only (what Checkout and a bank transfer can buy). */
export const PAID_PLAN_IDS = ["anchor_pro", "sme_pro", "service_centre"] as const satisfies readonly PlanId[];
export type PaidPlanId = (typeof PAID_PLAN_IDS)[number];
export const isPaidPlanId = (v: unknown): v is PaidPlanId => typeof v === "string" && (PAID_PLAN_IDS as readonly string[]).includes(v);

/**
 * List prices in fen per month, tax included (含税), the same for Stripe (the price objects named by
 * STRIPE_PRICE_<PLAN> must match; the app never sends an amount to Stripe) and bank transfer.
 */
export const MONTHLY_PRICE_FEN: Record<PaidPlanId, number> = {
  anchor_pro: 298_000, // ¥2,980
  sme_pro: 68_000, // ¥680
  service_centre: 198_000, // ¥1,980
};

/** The periods a bank transfer can pay for; twelve months cost ten. */
export const TRANSFER_MONTHS = [1, 3, 6, 12] as const;
export type TransferMonths = (typeof TRANSFER_MONTHS)[number];

export function transferAmountFen(plan: PaidPlanId, months: TransferMonths): number {
  const billed = months === 12 ? 10 : months;
  return MONTHLY_PRICE_FEN[plan] * billed;
}
