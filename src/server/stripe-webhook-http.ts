import "server-only";
import type { Db } from "./db/types";
import { handleStripeWebhook } from "./services/billing-webhook";

/**
 * The HTTP side of /api/stripe/webhook: 503 while no STRIPE_WEBHOOK_SECRET is configured, 400 for a
 * bad signature, 200 for every verified event (applied, a repeat, another product's, an unknown
 * type), 500 when the app's own write fails so that Stripe retries.
 */
export async function stripeWebhookResponse(opts: { db: () => Promise<Db>; secret: string | undefined; request: Request; receivedAt?: Date }): Promise<Response> {
  if (!opts.secret) return Response.json({ error: "stripe_webhooks_disabled", message: "STRIPE_WEBHOOK_SECRET is not set: Stripe webhooks are off." }, { status: 503 });
  const payload = await opts.request.text();
  try {
    const r = await handleStripeWebhook({ db: await opts.db(), secret: opts.secret, payload, signature: opts.request.headers.get("stripe-signature"), receivedAt: opts.receivedAt });
    if (r.result === "invalid_signature") return Response.json({ error: "invalid_signature" }, { status: 400 });
    return Response.json({ received: true, result: r.result });
  } catch (e) {
    console.error("stripe webhook: processing failed", e);
    return Response.json({ error: "processing_failed" }, { status: 500 });
  }
}
