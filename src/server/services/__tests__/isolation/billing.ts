import { eq } from "drizzle-orm";
import { callerFor, createMember } from "@/test/factories";
import { subscriptions, users } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/** Plans: B holds a granted plan whose note is private; A may read only its own plan and grant nothing. */
export function billingCases(fx: IsolationFixture): IsolationCases {
  return {
    async setup() {
      const admin = await createMember(fx.db);
      await fx.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
      await (await callerFor(fx.db, admin.userId)).billing.grant({ organizationId: fx.b.organizationId, plan: "sme_pro", note: fx.secret });
    },
    attempts: {
      "billing.mine": (c) => c.billing.mine(),
      "billing.subscriptions": (c) => c.billing.subscriptions(),
      "billing.grant": (c) => c.billing.grant({ organizationId: fx.b.organizationId, plan: "anchor_pro" }),
      "billing.revoke": (c) => c.billing.revoke({ organizationId: fx.b.organizationId }),
    },
    mustRefuse: ["billing.subscriptions", "billing.grant", "billing.revoke"],
    async snapshot() {
      return fx.db.select().from(subscriptions).where(eq(subscriptions.organizationId, fx.b.organizationId));
    },
  };
}
