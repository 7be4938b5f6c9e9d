import "server-only";
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { z } from "zod";
import { PAID_PLAN_IDS, type PaidPlanId } from "@/domain/billing/plans";
import { env } from "@/env";
import type { Db } from "../db/types";
import { organizations, stripeCustomers, subscriptions, users } from "../db/schema";
import { DomainError, notFound } from "../errors";
import { stripeClient } from "../stripe";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";

/**
 * Stripe Checkout, the customer portal and invoices for the active organisation (issue 7,
 * docs/billing.md). Each Stripe call runs outside any transaction: a database lock is never held
 * while waiting on the network. Concurrency is handled by Stripe's idempotency keys (two clicks send
 * the same key and get the same customer / session back) and by the unique `stripe_customers` row
 * (whichever customer is stored first is the organisation's; the other call uses it).
 */

const MANAGERS = ["owner", "admin"] as const;
/** A double click within this window returns the same Checkout session (Stripe keeps keys 24 h). */
const CHECKOUT_BUCKET_MS = 10 * 60 * 1000;
/** Statuses of a Stripe subscription that still exist at Stripe: manage them in the portal, do not buy a second one. */
const LIVE_STRIPE_STATUSES = new Set(["active", "trialing", "past_due", "unpaid", "paused", "incomplete"]);

export const checkoutInputSchema = z.object({ plan: z.enum(PAID_PLAN_IDS) });

const PRICE_ENV: Record<PaidPlanId, "STRIPE_PRICE_ANCHOR_PRO" | "STRIPE_PRICE_SME_PRO" | "STRIPE_PRICE_SERVICE_CENTRE"> = {
  anchor_pro: "STRIPE_PRICE_ANCHOR_PRO",
  sme_pro: "STRIPE_PRICE_SME_PRO",
  service_centre: "STRIPE_PRICE_SERVICE_CENTRE",
};

const billingError = (code: "NOT_FOUND" | "CONFLICT", key: string, params: Record<string, string | number> = {}) => new DomainError(code, `billing.errors.${key}`, params);

function requireStripe(stripe: Stripe | null): Stripe {
  if (!stripe) throw billingError("CONFLICT", "paymentsOff");
  return stripe;
}

/** Stripe's own failures (network, declined configuration, …) become one translated message; the detail goes to the log. */
async function callStripe<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof Stripe.errors.StripeError) {
      console.error(`[stripe] ${what}: ${e.type} ${e.code ?? ""} ${e.message}`);
      throw billingError("CONFLICT", "stripeFailed");
    }
    throw e;
  }
}

/** A short stable digest of request parameters: an idempotency key reused with other parameters is an error at Stripe. */
const digest = (v: unknown) => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16);

async function storedCustomer(db: Db, organizationId: string): Promise<string | null> {
  const [row] = await db.select({ customerId: stripeCustomers.customerId }).from(stripeCustomers).where(eq(stripeCustomers.organizationId, organizationId));
  return row?.customerId ?? null;
}

/**
 * The organisation's Stripe customer, created once. Two concurrent first clicks send the same
 * idempotency key, so Stripe returns one customer to both; the unique row keeps the first stored.
 */
async function ensureCustomer(db: Db, stripe: Stripe, org: { id: string; nameZh: string }): Promise<string> {
  const existing = await storedCustomer(db, org.id);
  if (existing) return existing;
  const params = { name: org.nameZh, metadata: { organizationId: org.id } };
  const created = await callStripe("customers.create", () => stripe.customers.create(params, { idempotencyKey: `fanglian-customer-${org.id}-${digest(params)}` }));
  return db.transaction(async (tx) => {
    await tx.insert(stripeCustomers).values({ customerId: created.id, organizationId: org.id }).onConflictDoNothing();
    const stored = await storedCustomer(tx, org.id);
    if (!stored) throw new Error(`stripe customer ${created.id} belongs to another organisation`);
    return stored;
  });
}

/**
 * Opens a Stripe Checkout session for a paid plan and returns its URL. Owners and admins only. The
 * plan changes when the webhook reports the completed session, not here.
 */
export async function startCheckout({ ctx, input }: { ctx: OrgContext; input: z.input<typeof checkoutInputSchema> }, stripe: Stripe | null = stripeClient()): Promise<{ url: string; sessionId: string }> {
  const { plan } = checkoutInputSchema.parse(input);
  assertRole(ctx, MANAGERS);
  const client = requireStripe(stripe);
  const price = env[PRICE_ENV[plan]];
  if (!price) throw billingError("CONFLICT", "priceUnset", { plan });
  const organizationId = ctx.membership.organizationId;

  const { org, locale } = await ctx.db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id, nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, organizationId));
    if (!org) throw notFound();
    const [sub] = await tx.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId));
    if (sub?.source === "stripe" && sub.stripeSubscriptionId && LIVE_STRIPE_STATUSES.has(sub.status)) throw billingError("CONFLICT", "alreadySubscribed");
    const [user] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, ctx.actor.userId));
    return { org, locale: user?.locale === "en" ? ("en" as const) : ("zh" as const) };
  });

  const customer = await ensureCustomer(ctx.db, client, org);
  const metadata = { organizationId, plan };
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: "subscription",
    currency: "cny",
    customer,
    client_reference_id: organizationId,
    line_items: [{ price, quantity: 1 }],
    metadata,
    subscription_data: { metadata },
    locale,
    success_url: `${env.NEXTAUTH_URL}/billing?checkout=success`,
    cancel_url: `${env.NEXTAUTH_URL}/billing?checkout=cancelled`,
  };
  const bucket = Math.floor(now(ctx).getTime() / CHECKOUT_BUCKET_MS);
  const session = await callStripe("checkout.sessions.create", () =>
    client.checkout.sessions.create(params, { idempotencyKey: `fanglian-checkout-${organizationId}-${plan}-${bucket}-${digest(params)}` }),
  );
  if (!session.url) throw billingError("CONFLICT", "stripeFailed");
  await ctx.db.transaction((tx) =>
    writeAudit(tx, { organizationId, actorUserId: ctx.actor.userId, action: "billing.checkout", entityType: "stripe_checkout_session", entityId: session.id, changes: { plan, customer } }),
  );
  return { url: session.url, sessionId: session.id };
}

/** A Stripe customer portal session (change card, cancel, invoices) for the organisation's customer. Owners and admins. */
export async function openPortal({ ctx }: { ctx: OrgContext }, stripe: Stripe | null = stripeClient()): Promise<{ url: string }> {
  assertRole(ctx, MANAGERS);
  const client = requireStripe(stripe);
  const customer = await storedCustomer(ctx.db, ctx.membership.organizationId);
  if (!customer) throw billingError("NOT_FOUND", "noCustomer");
  const params = { customer, return_url: `${env.NEXTAUTH_URL}/billing`, locale: "auto" as const };
  // Like every outgoing POST, idempotent: a double click within a minute gets the same (short-lived) portal session.
  const bucket = Math.floor(now(ctx).getTime() / 60_000);
  const session = await callStripe("billingPortal.sessions.create", () =>
    client.billingPortal.sessions.create(params, { idempotencyKey: `fanglian-portal-${customer}-${bucket}-${digest(params)}` }),
  );
  return { url: session.url };
}

export interface InvoiceRow {
  id: string;
  number: string | null;
  status: string | null;
  /** Smallest currency unit: fen for CNY. */
  amountDue: number;
  amountPaid: number;
  currency: string;
  created: Date;
  hostedInvoiceUrl: string | null;
  invoicePdf: string | null;
}

/** The organisation's latest Stripe invoices (any member); none when payments are off or it never had a customer. */
export async function listInvoices({ ctx }: { ctx: OrgContext }, stripe: Stripe | null = stripeClient()): Promise<InvoiceRow[]> {
  if (!stripe) return [];
  const customer = await storedCustomer(ctx.db, ctx.membership.organizationId);
  if (!customer) return [];
  const list = await callStripe("invoices.list", () => stripe.invoices.list({ customer, limit: 24 }));
  return list.data.map((i) => ({
    id: i.id ?? "",
    number: i.number ?? null,
    status: i.status ?? null,
    amountDue: i.amount_due,
    amountPaid: i.amount_paid,
    currency: i.currency,
    created: new Date(i.created * 1000),
    hostedInvoiceUrl: i.hosted_invoice_url ?? null,
    invoicePdf: i.invoice_pdf ?? null,
  }));
}
