import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { demands } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Matching: B has an invited demand (secret title) and a public one; A has a published listing
 * that fits both. A may not read either shortlist, and "demands that fit you" must not reveal the
 * invited one.
 */
export function matchCases(fx: IsolationFixture): IsolationCases {
  const ids = { invited: "", public: "" };
  const demand = { chainLink: "spinning" as const, processes: ["ring_combed"], quoteDeadline: "2099-12-31", quantityValue: 20, quantityUnit: "吨" };
  return {
    async setup() {
      const a = await callerFor(fx.db, fx.a.userId);
      await a.listing.create({ values: { kind: "capability", chainLink: "spinning", processes: ["ring_combed"], title: "精梳棉纱产能", capacityValue: 500, capacityUnit: "吨/月" }, publish: true });
      const b = await callerFor(fx.db, fx.b.userId);
      ids.invited = (await b.demand.create({ ...demand, title: `邀请 ${fx.secret}`, text: fx.secret, visibility: "invited" })).id;
      ids.public = (await b.demand.create({ ...demand, title: "公开求购精梳纱", visibility: "public" })).id;
    },
    attempts: {
      "match.forDemand": async (c) => {
        // The public demand's shortlist is refused as well (who else is on it is the buyer's business).
        await c.match.forDemand({ demandId: ids.public }).then(
          () => {
            throw new Error("public shortlist was readable by another organisation");
          },
          (e: { code?: string }) => {
            if (e.code !== "FORBIDDEN") throw e;
          },
        );
        return c.match.forDemand({ demandId: ids.invited });
      },
      "match.forMyListings": (c) => c.match.forMyListings({}),
    },
    mustRefuse: ["match.forDemand"],
    async snapshot() {
      return fx.db.select().from(demands).where(eq(demands.organizationId, fx.b.organizationId));
    },
  };
}
