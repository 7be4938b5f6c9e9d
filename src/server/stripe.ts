import "server-only";
import Stripe from "stripe";
import { env } from "@/env";

/**
 * Where tests point the SDK (a local HTTP server standing in for api.stripe.com) and which key it
 * uses; the app itself passes nothing. These are the SDK's own options.
 */
export interface StripeClientOptions {
  secretKey?: string;
  host?: string;
  port?: number;
  protocol?: "http" | "https";
}

let shared: Stripe | null = null;

/**
 * The one place that constructs a Stripe client (docs/billing.md). Null when STRIPE_SECRET_KEY is
 * unset: payments are off. Nothing here calls Stripe; the client is built on first use, never at
 * start-up. The API version is pinned to the SDK's own, so the types match what Stripe returns.
 */
export function stripeClient(opts: StripeClientOptions = {}): Stripe | null {
  const custom = opts.host !== undefined || opts.port !== undefined || opts.protocol !== undefined || opts.secretKey !== undefined;
  if (!custom && shared) return shared;
  const key = opts.secretKey ?? env.STRIPE_SECRET_KEY;
  if (!key) return null;
  const client = new Stripe(key, {
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "fanglian" },
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.protocol !== undefined ? { protocol: opts.protocol } : {}),
  });
  if (!custom) shared = client;
  return client;
}
