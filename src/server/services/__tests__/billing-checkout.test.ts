import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ZodError } from "zod";
import { env } from "@/env";
import zhBilling from "@/i18n/messages/zh-CN/billing.json";
import enBilling from "@/i18n/messages/en/billing.json";
import { describeEachDb } from "@/test/db";
import { createMember, uniq } from "@/test/factories";
import { auditLog, stripeCustomers, subscriptions, users } from "../../db/schema";
import { stripeClient } from "../../stripe";
import { listInvoices, openPortal, startCheckout } from "../billing-checkout";
import type { OrgContext } from "../context";

/** A recorded request to the stand-in for api.stripe.com: the form-encoded body as flat `a[b][c]` keys. */
interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
}

/**
 * A local HTTP server answering the few Stripe endpoints the app calls, with Stripe's idempotency
 * (the same key returns the first response) so double clicks behave as they would at Stripe.
 */
async function startFakeStripe() {
  const requests: Recorded[] = [];
  const replies = new Map<string, { status: number; body: unknown }>();
  const counters = { customer: 0, session: 0 };
  const invoices = new Map<string, unknown[]>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stripe.local");
      const key = req.headers["idempotency-key"] as string | undefined;
      const r: Recorded = {
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: Object.fromEntries(new URLSearchParams(raw)),
        idempotencyKey: key,
        authorization: req.headers.authorization,
      };
      requests.push(r);
      const cached = key ? replies.get(key) : undefined;
      const out = cached ?? route(r);
      if (key && !cached) replies.set(key, out);
      res.writeHead(out.status, { "content-type": "application/json", "request-id": `req_${requests.length}` });
      res.end(JSON.stringify(out.body));
    });
  });
  function route(r: Recorded): { status: number; body: unknown } {
    if (r.method === "POST" && r.path === "/v1/customers") return { status: 200, body: { id: `cus_fake${++counters.customer}`, object: "customer", name: r.body.name, metadata: {} } };
    if (r.method === "POST" && r.path === "/v1/checkout/sessions") {
      const id = `cs_test_fake${++counters.session}`;
      return { status: 200, body: { id, object: "checkout.session", mode: r.body.mode, url: `https://checkout.stripe.com/c/pay/${id}` } };
    }
    if (r.method === "POST" && r.path === "/v1/billing_portal/sessions") {
      if (r.body.customer === "cus_broken")
        return { status: 400, body: { error: { type: "invalid_request_error", message: "No configuration provided and your test mode default configuration has not been created." } } };
      return { status: 200, body: { id: "bps_fake", object: "billing_portal.session", url: `https://billing.stripe.com/p/session/${r.body.customer}` } };
    }
    if (r.method === "GET" && r.path === "/v1/invoices") return { status: 200, body: { object: "list", url: "/v1/invoices", has_more: false, data: invoices.get(r.query.customer ?? "") ?? [] } };
    return { status: 404, body: { error: { type: "invalid_request_error", message: `no route ${r.method} ${r.path}` } } };
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    requests,
    invoices,
    client: () => stripeClient({ secretKey: "sk_test_fanglian_fake", host: "127.0.0.1", port, protocol: "http" }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const PRICES = { STRIPE_PRICE_ANCHOR_PRO: "price_anchor_fake", STRIPE_PRICE_SME_PRO: "price_sme_fake", STRIPE_PRICE_SERVICE_CENTRE: undefined } as const;
const NOW = new Date("2026-11-28T04:00:00Z");

/** Every error key the checkout service throws has a Chinese and an English message. */
const translated = (key: string) => {
  const name = key.replace(/^billing\.errors\./, "");
  return Boolean((zhBilling.errors as Record<string, string>)[name] && (enBilling.errors as Record<string, string>)[name]);
};

describeEachDb("billing: Stripe Checkout, portal and invoices", (t) => {
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  const saved: Partial<Record<keyof typeof PRICES, string | undefined>> = {};
  beforeAll(async () => {
    fake = await startFakeStripe();
    for (const k of Object.keys(PRICES) as (keyof typeof PRICES)[]) {
      saved[k] = env[k];
      env[k] = PRICES[k];
    }
  });
  afterAll(async () => {
    await fake.close();
    Object.assign(env, saved);
  });

  const ctxOf = (m: { userId: string; organizationId: string }, role: "owner" | "admin" | "member" = "owner", at = NOW): OrgContext => ({
    db: t.db,
    actor: { userId: m.userId, isPlatformAdmin: false },
    membership: { organizationId: m.organizationId, role },
    now: at,
  });
  const sent = (path: string, organizationId?: string) =>
    fake.requests.filter((r) => r.path === path && (!organizationId || r.body.client_reference_id === organizationId || r.body["metadata[organizationId]"] === organizationId));
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: { code?: string; messageKey?: string; params?: unknown }) => ({ code: e.code, key: e.messageKey, params: e.params }),
    );

  it("sends a subscription Checkout in CNY with the price, the organisation and the plan; a double click returns the same session", async () => {
    const m = await createMember(t.db);
    const stripe = fake.client();
    const first = await startCheckout({ ctx: ctxOf(m), input: { plan: "sme_pro" } }, stripe);
    expect(first.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    const [customerReq, ...moreCustomers] = sent("/v1/customers", m.organizationId);
    expect(moreCustomers).toHaveLength(0);
    expect(customerReq!.body).toMatchObject({ "metadata[organizationId]": m.organizationId });
    expect(customerReq!.body.name).toMatch(/^测试纺织有限公司/);
    expect(customerReq!.idempotencyKey).toContain(m.organizationId);
    expect(customerReq!.authorization).toBe("Bearer sk_test_fanglian_fake");
    const [stored] = await t.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, m.organizationId));
    expect(stored!.customerId).toMatch(/^cus_fake/);

    const [session] = sent("/v1/checkout/sessions", m.organizationId);
    expect(session!.body).toEqual({
      mode: "subscription",
      currency: "cny",
      customer: stored!.customerId,
      client_reference_id: m.organizationId,
      "line_items[0][price]": "price_sme_fake",
      "line_items[0][quantity]": "1",
      "metadata[organizationId]": m.organizationId,
      "metadata[plan]": "sme_pro",
      "subscription_data[metadata][organizationId]": m.organizationId,
      "subscription_data[metadata][plan]": "sme_pro",
      locale: "zh",
      success_url: `${env.NEXTAUTH_URL}/billing?checkout=success`,
      cancel_url: `${env.NEXTAUTH_URL}/billing?checkout=cancelled`,
    });
    expect(session!.idempotencyKey).toMatch(new RegExp(`^fanglian-checkout-${m.organizationId}-sme_pro-`));

    // A second click a few seconds later: no new customer, the same key, the same session.
    const again = await startCheckout({ ctx: ctxOf(m, "owner", new Date(NOW.getTime() + 5_000)), input: { plan: "sme_pro" } }, stripe);
    expect(again).toEqual(first);
    const sessions = sent("/v1/checkout/sessions", m.organizationId);
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.idempotencyKey).toBe(sessions[0]!.idempotencyKey);
    expect(sent("/v1/customers", m.organizationId)).toHaveLength(1);

    // Another plan is another session; an English-speaking admin gets Checkout in English.
    await t.db.update(users).set({ locale: "en" }).where(eq(users.id, m.userId));
    const anchor = await startCheckout({ ctx: ctxOf(m, "admin"), input: { plan: "anchor_pro" } }, stripe);
    expect(anchor.sessionId).not.toBe(first.sessionId);
    expect(sent("/v1/checkout/sessions", m.organizationId).at(-1)!.body).toMatchObject({ "line_items[0][price]": "price_anchor_fake", "metadata[plan]": "anchor_pro", locale: "en" });

    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.organizationId, m.organizationId), eq(auditLog.action, "billing.checkout")));
    expect(audit.map((a) => a.entityId).sort()).toEqual([first.sessionId, first.sessionId, anchor.sessionId].sort());
    expect(audit[0]).toMatchObject({ actorUserId: m.userId, entityType: "stripe_checkout_session" });
  });

  it("two first clicks at once create one customer and store one row", async () => {
    const m = await createMember(t.db);
    const stripe = fake.client();
    const [a, b] = await Promise.all([
      startCheckout({ ctx: ctxOf(m), input: { plan: "sme_pro" } }, stripe),
      startCheckout({ ctx: ctxOf(m), input: { plan: "sme_pro" } }, stripe),
    ]);
    expect(a).toEqual(b);
    const customerKeys = new Set(sent("/v1/customers", m.organizationId).map((r) => r.idempotencyKey));
    expect(customerKeys.size).toBe(1);
    expect(await t.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, m.organizationId))).toHaveLength(1);
    const customers = new Set(sent("/v1/checkout/sessions", m.organizationId).map((r) => r.body.customer));
    expect(customers.size).toBe(1);
  });

  it("refuses with translated errors: payments off, not a manager, free or unknown plan, price unset, already subscribed", async () => {
    const m = await createMember(t.db);
    const stripe = fake.client();
    const before = fake.requests.length;
    expect(await refusal(startCheckout({ ctx: ctxOf(m), input: { plan: "sme_pro" } }, null))).toEqual({ code: "CONFLICT", key: "billing.errors.paymentsOff", params: {} });
    expect(await refusal(startCheckout({ ctx: ctxOf(m, "member"), input: { plan: "sme_pro" } }, stripe))).toMatchObject({ code: "FORBIDDEN", key: "errors.roleRequired" });
    await expect(startCheckout({ ctx: ctxOf(m), input: { plan: "free" as never } }, stripe)).rejects.toBeInstanceOf(ZodError);
    expect(await refusal(startCheckout({ ctx: ctxOf(m), input: { plan: "service_centre" } }, stripe))).toEqual({ code: "CONFLICT", key: "billing.errors.priceUnset", params: { plan: "service_centre" } });
    expect(fake.requests.length).toBe(before);

    await t.db.insert(subscriptions).values({ organizationId: m.organizationId, plan: "sme_pro", status: "active", source: "stripe", stripeSubscriptionId: uniq("sub_"), stripeCustomerId: "cus_x" });
    expect(await refusal(startCheckout({ ctx: ctxOf(m), input: { plan: "anchor_pro" } }, stripe))).toEqual({ code: "CONFLICT", key: "billing.errors.alreadySubscribed", params: {} });
    expect(fake.requests.length).toBe(before);
    // Once Stripe has ended it, a new Checkout may start.
    await t.db.update(subscriptions).set({ status: "canceled" }).where(eq(subscriptions.organizationId, m.organizationId));
    expect((await startCheckout({ ctx: ctxOf(m), input: { plan: "anchor_pro" } }, stripe)).url).toContain("checkout.stripe.com");

    for (const key of ["paymentsOff", "priceUnset", "alreadySubscribed", "noCustomer", "stripeFailed"]) expect(translated(`billing.errors.${key}`), key).toBe(true);
  });

  it("opens the customer portal for the organisation's own customer, returning to /billing", async () => {
    const m = await createMember(t.db);
    const stripe = fake.client();
    expect(await refusal(openPortal({ ctx: ctxOf(m) }, stripe))).toEqual({ code: "NOT_FOUND", key: "billing.errors.noCustomer", params: {} });
    expect(await refusal(openPortal({ ctx: ctxOf(m) }, null))).toMatchObject({ key: "billing.errors.paymentsOff" });
    const customerId = uniq("cus_");
    await t.db.insert(stripeCustomers).values({ customerId, organizationId: m.organizationId });
    expect(await refusal(openPortal({ ctx: ctxOf(m, "member") }, stripe))).toMatchObject({ code: "FORBIDDEN" });
    expect(await openPortal({ ctx: ctxOf(m, "admin") }, stripe)).toEqual({ url: `https://billing.stripe.com/p/session/${customerId}` });
    const req = fake.requests.filter((r) => r.path === "/v1/billing_portal/sessions" && r.body.customer === customerId);
    expect(req).toHaveLength(1);
    expect(req[0]!.body).toMatchObject({ customer: customerId, return_url: `${env.NEXTAUTH_URL}/billing` });
    expect(req[0]!.idempotencyKey).toMatch(new RegExp(`^fanglian-portal-${customerId}-`));

    // A Stripe failure (here: no portal configuration) is one translated message, not Stripe's English.
    const broken = await createMember(t.db);
    await t.db.insert(stripeCustomers).values({ customerId: "cus_broken", organizationId: broken.organizationId });
    expect(await refusal(openPortal({ ctx: ctxOf(broken) }, stripe))).toEqual({ code: "CONFLICT", key: "billing.errors.stripeFailed", params: {} });
  });

  it("lists the organisation's invoices for any member, amounts in fen; none without a customer or with payments off", async () => {
    const m = await createMember(t.db);
    const stripe = fake.client();
    expect(await listInvoices({ ctx: ctxOf(m, "member") }, stripe)).toEqual([]);
    expect(fake.requests.filter((r) => r.path === "/v1/invoices")).toHaveLength(0);
    const customerId = uniq("cus_");
    await t.db.insert(stripeCustomers).values({ customerId, organizationId: m.organizationId });
    const created = Math.floor(NOW.getTime() / 1000);
    fake.invoices.set(customerId, [
      { id: "in_1", object: "invoice", number: "FL-0001", status: "paid", amount_due: 68_000, amount_paid: 68_000, currency: "cny", created, hosted_invoice_url: "https://invoice.stripe.com/i/in_1", invoice_pdf: "https://pay.stripe.com/invoice/in_1/pdf" },
      { id: "in_2", object: "invoice", number: null, status: "open", amount_due: 68_000, amount_paid: 0, currency: "cny", created: created + 60, hosted_invoice_url: null, invoice_pdf: null },
    ]);
    expect(await listInvoices({ ctx: ctxOf(m, "member") }, null)).toEqual([]);
    const rows = await listInvoices({ ctx: ctxOf(m, "member") }, stripe);
    expect(rows).toEqual([
      { id: "in_1", number: "FL-0001", status: "paid", amountDue: 68_000, amountPaid: 68_000, currency: "cny", created: NOW, hostedInvoiceUrl: "https://invoice.stripe.com/i/in_1", invoicePdf: "https://pay.stripe.com/invoice/in_1/pdf" },
      { id: "in_2", number: null, status: "open", amountDue: 68_000, amountPaid: 0, currency: "cny", created: new Date(NOW.getTime() + 60_000), hostedInvoiceUrl: null, invoicePdf: null },
    ]);
    const [req] = fake.requests.filter((r) => r.path === "/v1/invoices");
    expect(req).toMatchObject({ method: "GET", query: { customer: customerId, limit: "24" } });
  });
});
