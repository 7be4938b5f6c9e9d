import { eq } from "drizzle-orm";
import { callerFor, createMember } from "@/test/factories";
import { stripeCustomers, subscriptions, users } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/** Plans: B holds a granted plan whose note is private and a Stripe customer; A may read only its own plan, invoices and portal, and grant nothing. */
export function billingCases(fx: IsolationFixture): IsolationCases {
  return {
    async setup() {
      const admin = await createMember(fx.db);
      await fx.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
      await (await callerFor(fx.db, admin.userId)).billing.grant({ organizationId: fx.b.organizationId, plan: "sme_pro", note: fx.secret });
      // B's Stripe customer: A's checkout, portal and invoices act on A's own organisation only.
      await fx.db.insert(stripeCustomers).values({ customerId: `cus_${fx.secret}`, organizationId: fx.b.organizationId });
    },
    attempts: {
      "billing.mine": (c) => c.billing.mine(),
      "billing.checkout": (c) => c.billing.checkout({ plan: "sme_pro" }),
      "billing.portal": (c) => c.billing.portal(),
      "billing.invoices": (c) => c.billing.invoices(),
      "billing.subscriptions": (c) => c.billing.subscriptions(),
      "billing.grant": (c) => c.billing.grant({ organizationId: fx.b.organizationId, plan: "anchor_pro" }),
      "billing.revoke": (c) => c.billing.revoke({ organizationId: fx.b.organizationId }),
    },
    mustRefuse: ["billing.subscriptions", "billing.grant", "billing.revoke"],
    async snapshot() {
      return {
        subscriptions: await fx.db.select().from(subscriptions).where(eq(subscriptions.organizationId, fx.b.organizationId)),
        stripeCustomers: await fx.db.select().from(stripeCustomers).where(eq(stripeCustomers.organizationId, fx.b.organizationId)),
      };
    },
  };
}
