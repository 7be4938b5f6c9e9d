import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { createMember, uniq } from "@/test/factories";
import type { Db } from "../../db/types";
import { stripeCustomers, stripeEvents, subscriptions } from "../../db/schema";
import { stripeWebhookResponse } from "../../stripe-webhook-http";

const SECRET = "whsec_test_fanglian";
const NOW = new Date("2026-11-28T04:00:00Z");
const sec = (d: Date) => Math.floor(d.getTime() / 1000);

function event(type: string, object: Record<string, unknown>, createdAt = NOW) {
  return { id: uniq("evt_"), object: "event", type, created: sec(createdAt), api_version: "2026-10-28.endive", livemode: false, data: { object } };
}

const subscription = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  object: "subscription",
  customer: "cus_x",
  status: "active",
  cancel_at_period_end: false,
  metadata: {},
  items: { object: "list", data: [{ id: `si_${id}`, price: { id: "price_unknown" }, current_period_start: sec(NOW), current_period_end: sec(NOW) + 30 * 86400 }] },
  ...over,
});

const checkout = (organizationId: string, subscriptionId: string, customer: string, plan = "sme_pro") => ({
  id: uniq("cs_"),
  object: "checkout.session",
  mode: "subscription",
  client_reference_id: organizationId,
  customer,
  subscription: subscriptionId,
  metadata: { organizationId, plan },
});

describeEachDb("stripe webhook", (t) => {
  async function post(payload: string, opts: { secret?: string; timestamp?: Date; signature?: string; db?: () => Promise<Db>; configured?: string } = {}) {
    const signature = opts.signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: sec(opts.timestamp ?? NOW) });
    const request = new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": signature, "content-type": "application/json" } });
    const res = await stripeWebhookResponse({ db: opts.db ?? (async () => t.db), secret: "configured" in opts ? opts.configured : SECRET, request, receivedAt: NOW });
    return { status: res.status, body: (await res.json()) as { result?: string; error?: string } };
  }
  const send = (e: object, opts: Parameters<typeof post>[1] = {}) => post(JSON.stringify(e), opts);
  const subOf = async (organizationId: string) => (await t.db.select().from(subscriptions).where(eq(subscriptions.organizationId, organizationId)))[0];
  const eventRow = async (id: string) => (await t.db.select().from(stripeEvents).where(eq(stripeEvents.eventId, id)))[0];

  it("applies a validly signed checkout once; a repeat of the same event does nothing", async () => {
    const m = await createMember(t.db);
    const e = event("checkout.session.completed", checkout(m.organizationId, uniq("sub_"), uniq("cus_")));
    expect(await send(e)).toEqual({ status: 200, body: { received: true, result: "applied" } });
    expect(await subOf(m.organizationId)).toMatchObject({ plan: "sme_pro", status: "active", source: "stripe" });
    expect(await t.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, m.organizationId))).toHaveLength(1);
    const updatedAt = (await subOf(m.organizationId))!.updatedAt;
    expect(await send(e)).toEqual({ status: 200, body: { received: true, result: "duplicate" } });
    expect((await subOf(m.organizationId))!.updatedAt).toEqual(updatedAt);
    expect(await eventRow(e.id)).toMatchObject({ type: "checkout.session.completed", outcome: "applied", organizationId: m.organizationId });
  });

  it("refuses a wrong secret, a tampered body, a missing header and a timestamp outside the 300 s tolerance", async () => {
    const m = await createMember(t.db);
    const e = event("checkout.session.completed", checkout(m.organizationId, uniq("sub_"), uniq("cus_")));
    const payload = JSON.stringify(e);
    expect((await post(payload, { secret: "whsec_wrong" })).status).toBe(400);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: sec(NOW) });
    expect((await post(payload.replace("sme_pro", "anchor_pro"), { signature })).status).toBe(400);
    expect((await post(payload, { signature: "" })).status).toBe(400);
    expect((await post(payload, { timestamp: new Date(NOW.getTime() - 301_000) })).status).toBe(400);
    expect(await subOf(m.organizationId)).toBeUndefined();
    expect(await eventRow(e.id)).toBeUndefined();
    // Within the tolerance it passes.
    expect((await post(payload, { timestamp: new Date(NOW.getTime() - 290_000) })).status).toBe(200);
  });

  it("keeps a subscription update that arrived before the checkout, and never rolls back to an older event", async () => {
    const m = await createMember(t.db);
    const subId = uniq("sub_");
    const customer = uniq("cus_");
    const later = new Date(NOW.getTime() + 60_000);
    const updated = event("customer.subscription.updated", subscription(subId, { customer, status: "past_due", metadata: { organizationId: m.organizationId, plan: "sme_pro" } }), later);
    expect((await send(updated)).body.result).toBe("applied");
    expect((await send(event("checkout.session.completed", checkout(m.organizationId, subId, customer)))).body.result).toBe("applied");
    expect(await subOf(m.organizationId)).toMatchObject({ status: "past_due", stripeSubscriptionId: subId, stripeCustomerId: customer });
    // An older `created` event (Stripe sent it first, it arrived last) is recorded but changes nothing.
    const older = event("customer.subscription.created", subscription(subId, { customer, status: "active" }), NOW);
    expect((await send(older)).body.result).toBe("ignored_stale");
    expect((await subOf(m.organizationId))!.status).toBe("past_due");
    // Found through the customer now, without metadata; deletion ends the plan.
    expect((await send(event("customer.subscription.deleted", subscription(uniq("sub_other"), { customer, status: "canceled", metadata: { plan: "sme_pro" } }), later))).body.result).toBe("ignored_stale");
    expect((await send(event("customer.subscription.deleted", subscription(subId, { customer, status: "canceled" }), new Date(later.getTime() + 1000)))).body.result).toBe("applied");
    expect(await subOf(m.organizationId)).toMatchObject({ status: "canceled", plan: "sme_pro" });
  });

  it("records and acknowledges events about objects it does not know and types it does not handle, without applying them", async () => {
    const foreign = event("customer.subscription.updated", subscription(uniq("sub_foreign"), { customer: uniq("cus_foreign") }));
    expect(await send(foreign)).toEqual({ status: 200, body: { received: true, result: "ignored_unknown_object" } });
    expect(await eventRow(foreign.id)).toMatchObject({ outcome: "ignored_unknown_object", organizationId: null });
    const other = event("invoice.paid", { id: uniq("in_"), object: "invoice" });
    expect(await send(other)).toEqual({ status: 200, body: { received: true, result: "ignored_type" } });
    expect(await eventRow(other.id)).toMatchObject({ outcome: "ignored_type", type: "invoice.paid" });
  });

  it("answers 5xx when its own write fails, so that Stripe retries, and applies the retry", async () => {
    const m = await createMember(t.db);
    const e = event("checkout.session.completed", checkout(m.organizationId, uniq("sub_"), uniq("cus_")));
    // The real database, whose transaction fails after the effect was written (as a lost connection would).
    const failing = async () =>
      ({
        transaction: (fn: (tx: Db) => Promise<unknown>) =>
          t.db.transaction(async (tx) => {
            await fn(tx);
            throw new Error("connection reset");
          }),
      }) as unknown as Db;
    expect((await send(e, { db: failing })).status).toBe(500);
    expect(await eventRow(e.id)).toBeUndefined();
    expect(await subOf(m.organizationId)).toBeUndefined();
    expect((await send(e)).body.result).toBe("applied");
    expect((await subOf(m.organizationId))!.plan).toBe("sme_pro");
  });

  it("answers 503 while no webhook secret is configured", async () => {
    const res = await send(event("invoice.paid", { id: "in_1" }), { configured: undefined });
    expect(res).toEqual({ status: 503, body: expect.objectContaining({ error: "stripe_webhooks_disabled" }) });
  });
});
