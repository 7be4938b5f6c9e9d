import { eq } from "drizzle-orm";
import { createDeal } from "@/test/factories";
import { deals, demands, listings } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Cluster pages: public aggregates only. B (in Qingdao, its contacts holding the secret) publishes
 * a listing and a demand and has three deals this month, named with the secret; A's view of
 * Qingdao's figures counts them but names nothing of B's (no titles, contacts or counterparts).
 */
export function clusterCases(fx: IsolationFixture): IsolationCases {
  return {
    async setup() {
      const b = { organizationId: fx.b.organizationId };
      await fx.db.insert(listings).values({ ...b, status: "published", chainLink: "spinning", title: "青岛精梳纱", capacityValue: 300, capacityUnit: "t_per_month", capacityInputValue: 300, capacityInputUnit: "吨/月" });
      await fx.db.insert(demands).values({ ...b, title: "青岛求购精梳纱", chainLink: "spinning", deliverCityAdcode: "370200" });
      for (let i = 0; i < 3; i++) await createDeal(fx.db, { supplier: fx.b, title: `${fx.secret} 订单 ${i}` });
    },
    attempts: {
      "cluster.city": (c) => c.cluster.city({ adcode: "370200" }),
      "cluster.overview": (c) => c.cluster.overview(),
    },
    mustRefuse: [],
    async snapshot() {
      return {
        listings: await fx.db.select().from(listings).where(eq(listings.organizationId, fx.b.organizationId)),
        demands: await fx.db.select().from(demands).where(eq(demands.organizationId, fx.b.organizationId)),
        deals: await fx.db.select().from(deals).where(eq(deals.supplierOrgId, fx.b.organizationId)),
      };
    },
  };
}
