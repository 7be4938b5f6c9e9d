import { eq, inArray } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { demandSavedListings, demands } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Matching: B has an invited demand (secret title) and a public one; A has a published listing
 * that fits both. A may not read either shortlist, and "demands that fit you" must not reveal the
 * invited one. Nor may A save its listing on either of B's demands.
 */
export function matchCases(fx: IsolationFixture): IsolationCases {
  const ids = { invited: "", public: "", listing: "" };
  const demand = { chainLink: "spinning" as const, processes: ["ring_combed"], quoteDeadline: "2099-12-31", quantityValue: 20, quantityUnit: "吨" };
  return {
    async setup() {
      const a = await callerFor(fx.db, fx.a.userId);
      ids.listing = (await a.listing.create({ values: { kind: "capability", chainLink: "spinning", processes: ["ring_combed"], title: "精梳棉纱产能", capacityValue: 500, capacityUnit: "吨/月" }, publish: true })).id;
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
      "match.setSaved": async (c) => {
        // Saving on B's public demand is refused too; the invited one does not exist for A.
        await c.match.setSaved({ demandId: ids.public, listingId: ids.listing, saved: true }).then(
          () => {
            throw new Error("another organisation saved a supplier on a public demand");
          },
          (e: { code?: string }) => {
            if (e.code !== "FORBIDDEN") throw e;
          },
        );
        return c.match.setSaved({ demandId: ids.invited, listingId: ids.listing, saved: true });
      },
    },
    mustRefuse: ["match.forDemand", "match.setSaved"],
    async snapshot() {
      const rows = await fx.db.select().from(demands).where(eq(demands.organizationId, fx.b.organizationId));
      const saved = await fx.db.select().from(demandSavedListings).where(inArray(demandSavedListings.demandId, [ids.invited, ids.public]));
      return { rows, saved };
    },
  };
}
