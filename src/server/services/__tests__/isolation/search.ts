import { eq } from "drizzle-orm";
import { callerFor } from "@/test/factories";
import { demands, listings } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Instant search: B has a draft listing, a paused one and an invited demand whose texts carry the
 * secret, next to a published listing and a public demand. A searching for the secret (or for
 * everything, on every facet) must find none of the private ones.
 */
export function searchCases(fx: IsolationFixture): IsolationCases {
  const listing = { kind: "capability" as const, chainLink: "weaving_knitting" as const, processes: ["air_jet_loom"], capacityValue: 100, capacityUnit: "万米/月" };
  const demand = { chainLink: "weaving_knitting" as const, quoteDeadline: "2099-12-31", quantityValue: 5, quantityUnit: "万米" };
  return {
    async setup() {
      const b = await callerFor(fx.db, fx.b.userId);
      await b.listing.create({ values: { ...listing, title: `草稿 ${fx.secret}`, description: fx.secret }, publish: false });
      const paused = await b.listing.create({ values: { ...listing, title: `暂停 ${fx.secret}` }, publish: true });
      await b.listing.pause({ id: paused.id });
      await b.listing.create({ values: { ...listing, title: "公开的坯布产能" }, publish: true });
      await b.demand.create({ ...demand, title: `邀请求购 ${fx.secret}`, text: fx.secret, visibility: "invited" });
      await b.demand.create({ ...demand, title: "公开求购坯布", visibility: "public" });
    },
    attempts: {
      "search.query": async (c) => {
        const out = [];
        for (const entity of ["listing", "demand"] as const)
          for (const q of [fx.secret, "", "坯布"]) out.push(await c.search.query({ entity, q, hitsPerPage: 50 }));
        // Not vacuous: B's public listing and demand are found.
        const titles = out.flatMap((r) => r.hits.map((h) => h.titleZh));
        if (!titles.includes("公开的坯布产能") || !titles.includes("公开求购坯布")) throw new Error("search found none of B's public records");
        return out;
      },
    },
    mustRefuse: [],
    async snapshot() {
      return {
        listings: await fx.db.select().from(listings).where(eq(listings.organizationId, fx.b.organizationId)),
        demands: await fx.db.select().from(demands).where(eq(demands.organizationId, fx.b.organizationId)),
      };
    },
  };
}
