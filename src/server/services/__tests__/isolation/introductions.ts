import { eq } from "drizzle-orm";
import { callerFor, createMember, demandValues, listingValues } from "@/test/factories";
import { inquiries } from "../../../db/schema";
import type { IsolationCases, IsolationFixture } from "./types";

/**
 * Introductions: a service centre C introduces B's listing to B2's public demand with a secret
 * note. A (an SME, not C) may neither introduce nor list C's introductions.
 */
export function introductionCases(fx: IsolationFixture): IsolationCases {
  const ids = { demand: "", inquiry: "" };
  return {
    async setup() {
      const centre = await createMember(fx.db, { type: "service_center" });
      const buyer = await createMember(fx.db, { type: "anchor" });
      const b = await callerFor(fx.db, fx.b.userId);
      await b.listing.create({ values: listingValues("引荐供方"), publish: true });
      ids.demand = (await (await callerFor(fx.db, buyer.userId)).demand.create(demandValues("引荐需求"))).id;
      ids.inquiry = (await (await callerFor(fx.db, centre.userId)).introduction.create({ demandId: ids.demand, supplierOrgId: fx.b.organizationId, note: `引荐 ${fx.secret}` })).inquiryId;
    },
    attempts: {
      "introduction.create": (c) => c.introduction.create({ demandId: ids.demand, supplierOrgId: fx.b.organizationId, note: "再引荐" }),
      "introduction.listMine": (c) => c.introduction.listMine(),
    },
    mustRefuse: ["introduction.create", "introduction.listMine"],
    async snapshot() {
      return fx.db.select().from(inquiries).where(eq(inquiries.demandId, ids.demand));
    },
  };
}
