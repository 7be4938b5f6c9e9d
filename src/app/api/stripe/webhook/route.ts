import { env } from "@/env";
import { getDb } from "@/server/db/client";
import { stripeWebhookResponse } from "@/server/stripe-webhook-http";

export const dynamic = "force-dynamic";

/** Stripe's webhook endpoint (docs/billing.md); the raw body is read once, by the handler. */
export function POST(request: Request) {
  return stripeWebhookResponse({ db: getDb, secret: env.STRIPE_WEBHOOK_SECRET, request });
}
