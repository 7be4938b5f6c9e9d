import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { env } from "@/env";
import { describeEachDb } from "@/test/db";
import { createMember } from "@/test/factories";
import { stripeCustomers } from "../../db/schema";
import { stripeClient } from "../../stripe";
import { listInvoices, startCheckout } from "../billing-checkout";

/**
 * Against real Stripe in test mode: only when STRIPE_SECRET_KEY is a test key (sk_test_…) and
 * STRIPE_PRICE_SME_PRO names a CNY monthly price of that account. Without them the live suite is
 * not registered (nothing is reported skipped), as with the live Meilisearch suite (MEILI_URL).
 */
const liveKey = env.STRIPE_SECRET_KEY?.startsWith("sk_test_") && env.STRIPE_PRICE_SME_PRO ? env.STRIPE_SECRET_KEY : undefined;

describe("Stripe configuration", () => {
  it("payments are off exactly when STRIPE_SECRET_KEY is unset: stripeClient() is null then", () => {
    expect(stripeClient() === null).toBe(!env.STRIPE_SECRET_KEY);
    expect(stripeClient({ secretKey: "sk_test_configured" })).not.toBeNull();
  });
});

if (liveKey)
  describeEachDb("Stripe live (test mode)", (t) => {
    it("creates the organisation's customer and a subscription Checkout session in CNY", async () => {
      const stripe = stripeClient()!;
      const m = await createMember(t.db);
      const ctx = { db: t.db, actor: { userId: m.userId, isPlatformAdmin: false }, membership: { organizationId: m.organizationId, role: "owner" as const } };
      const { url, sessionId } = await startCheckout({ ctx, input: { plan: "sme_pro" } }, stripe);
      try {
        expect(url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
        const session = await stripe.checkout.sessions.retrieve(sessionId);
        expect(session).toMatchObject({ mode: "subscription", currency: "cny", client_reference_id: m.organizationId, metadata: { organizationId: m.organizationId, plan: "sme_pro" } });
        const [row] = await t.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, m.organizationId));
        expect(session.customer).toBe(row!.customerId);
        const customer = await stripe.customers.retrieve(row!.customerId);
        expect(customer).toMatchObject({ metadata: { organizationId: m.organizationId } });
        expect(await listInvoices({ ctx }, stripe)).toEqual([]);
      } finally {
        await stripe.checkout.sessions.expire(sessionId).catch(() => undefined);
        const [row] = await t.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, m.organizationId));
        if (row) await stripe.customers.del(row.customerId).catch(() => undefined);
      }
    });
  });
