import { TRPCError } from "@trpc/server";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createDeal, createMember } from "@/test/factories";
import { deals, demands, listings, organizations, sites } from "../../db/schema";

type Party = Awaited<ReturnType<typeof createMember>>;

/**
 * A hand-built Weifang (370700) on a database of its own, "now" fixed at 2026-06-15 noon China
 * time, so every figure below is computed by hand from the rows inserted here.
 */
describeEachDb(
  "cluster figures (public aggregates of a city)",
  (t) => {
    const at = new Date("2026-06-15T04:00:00Z");
    const WF = "370700";
    const GAOMI = "370785";
    const ZHUCHENG = "370782";
    let f1: Party, f2: Party, f3: Party, f5: Party, qb: Party;
    const dealTitles: string[] = [];

    const listing = (org: Party, over: Partial<typeof listings.$inferInsert>) =>
      t.db.insert(listings).values({
        organizationId: org.organizationId,
        status: "published",
        chainLink: "spinning",
        title: "纱",
        capacityValue: 1,
        capacityUnit: "t_per_month",
        capacityInputValue: 1,
        capacityInputUnit: "吨/月",
        ...over,
      });
    const demand = (over: Partial<typeof demands.$inferInsert>) =>
      t.db.insert(demands).values({ organizationId: qb.organizationId, title: "求购", chainLink: "spinning", deliverCityAdcode: WF, ...over });
    /** A deal awarded at `when` for 100 units at `priceFen` (its amount: 100 × priceFen). */
    async function deal(buyer: Party, supplier: Party, when: string, priceFen = 1000, status: "active" | "cancelled" = "active") {
      const d = await createDeal(t.db, { buyer, supplier, quantity: 100, unitPriceFen: priceFen });
      dealTitles.push(d.deal.title);
      await t.db.update(deals).set({ createdAt: new Date(when), status }).where(eq(deals.id, d.dealId));
    }

    beforeAll(async () => {
      f1 = await createMember(t.db, { cityAdcode: WF, countyAdcode: GAOMI });
      f2 = await createMember(t.db, { type: "anchor", cityAdcode: WF, countyAdcode: GAOMI });
      f3 = await createMember(t.db, { cityAdcode: WF, countyAdcode: ZHUCHENG });
      await createMember(t.db, { type: "service_center", cityAdcode: WF, countyAdcode: GAOMI });
      f5 = await createMember(t.db, { cityAdcode: "370200", countyAdcode: "370215" });
      qb = await createMember(t.db, { type: "anchor", cityAdcode: "370200", countyAdcode: "370215" });
      // An imported firm nobody has claimed yet.
      await t.db.insert(organizations).values({ type: "sme", nameZh: "昌邑印染厂", cityAdcode: WF, countyAdcode: "370786", createdVia: "import" });
      await t.db.update(organizations).set({ verificationState: "verified" }).where(inArray(organizations.id, [f1.organizationId, f3.organizationId, f5.organizationId]));

      const [zhucheng] = await t.db.insert(sites).values({ organizationId: f5.organizationId, cityAdcode: WF, countyAdcode: ZHUCHENG }).returning();
      const [qingdao] = await t.db.insert(sites).values({ organizationId: f1.organizationId, cityAdcode: "370200", countyAdcode: "370215" }).returning();
      const capacity = { kind: "capacity" as const };
      await listing(f1, { capacityValue: 300 }); // L1
      await listing(f3, { ...capacity, capacityValue: 100, availableFrom: "2026-06-01", availableTo: "2026-07-31" }); // L2 open now
      await listing(f3, { ...capacity, capacityValue: 50, availableFrom: "2026-07-01", availableTo: "2026-08-31" }); // L3 later
      await listing(f1, { ...capacity, capacityValue: 70, availableFrom: "2026-01-01", availableTo: "2026-05-31" }); // expired
      await listing(f1, { status: "draft", capacityValue: 999 }); // draft
      await listing(f2, { chainLink: "weaving_knitting", capacityValue: 20000, capacityUnit: "m_per_month" }); // L6
      await listing(f2, { ...capacity, chainLink: "weaving_knitting", capacityValue: 100, capacityUnit: "pcs_per_month", availableFrom: "2026-06-15", availableTo: "2026-06-15" }); // L7 open today
      await listing(f5, { chainLink: "garment", capacityValue: 5000, capacityUnit: "pcs_per_month", siteId: zhucheng!.id }); // L8: a Qingdao firm's Weifang site
      await listing(f1, { capacityValue: 40, siteId: qingdao!.id }); // a Weifang firm's Qingdao site

      await demand({}); // D1
      await demand({ quoteDeadline: new Date("2026-07-01T00:00:00Z") }); // D2
      await demand({ chainLink: "garment", quoteDeadline: new Date("2026-06-01T00:00:00Z") }); // deadline passed
      await demand({ chainLink: "garment", visibility: "invited" });
      await demand({ chainLink: "garment", status: "closed" });
      await demand({ chainLink: null }); // D6, no chain link
      await demand({ deliverCityAdcode: "370200" });

      // June is the current month: never shown, however many deals.
      await deal(qb, f1, "2026-06-02T02:00:00Z", 1000);
      await deal(qb, f1, "2026-06-03T02:00:00Z", 2000);
      await deal(qb, f3, "2026-06-10T02:00:00Z", 3000);
      // May: three deals (4000 + 5000 + 9000) × 100 fen; the later cancellation of one changes nothing.
      await deal(qb, f1, "2026-05-02T02:00:00Z", 4000);
      await deal(qb, f1, "2026-05-03T02:00:00Z", 5000);
      await deal(qb, f3, "2026-05-11T02:00:00Z", 9000, "cancelled");
      // April: Weifang as supplier twice and as buyer once; a Qingdao-only deal counts elsewhere.
      await deal(qb, f1, "2026-04-02T02:00:00Z", 1000);
      await deal(qb, f3, "2026-04-03T02:00:00Z", 1000);
      await deal(f2, f5, "2026-04-04T02:00:00Z", 1000);
      await deal(qb, f5, "2026-04-05T02:00:00Z", 1000);
      // March by China time: 1 March 01:00 in Beijing is still February in UTC.
      await deal(qb, f1, "2026-02-28T17:00:00Z", 1000);
      await deal(qb, f1, "2026-03-10T02:00:00Z", 1000);
      await deal(qb, f1, "2026-03-11T02:00:00Z", 1000);
      // January: two deals, the second late on the 31st (China time), hidden.
      await deal(qb, f1, "2026-01-05T02:00:00Z", 1000);
      await deal(qb, f1, "2026-01-31T15:00:00Z", 1000);
      // December is the window's first month; November is before it.
      for (const d of ["2025-12-05", "2025-12-06", "2025-12-07", "2025-11-05", "2025-11-06", "2025-11-07"]) await deal(qb, f3, `${d}T02:00:00Z`, 2000);
    });

    it("counts firms, listings, capacity, spare capacity and open demands by hand", async () => {
      const c = await callerFor(t.db, null, { now: at });
      const fig = await c.cluster.city({ adcode: WF });
      expect(fig.firms).toEqual({ all: 4, verified: 2, unclaimed: 1 });
      expect(fig.listings).toBe(6);
      expect(fig.spareListings).toBe(2);
      expect(fig.openDemands).toBe(3);
      expect(fig.otherDemands).toBe(1);
      expect(fig.chainLinks).toEqual([
        { chainLink: "spinning", listings: 3, capacity: [{ unit: "t_per_month", value: 450 }], spareListings: 1, spare: [{ unit: "t_per_month", value: 100 }], openDemands: 2 },
        {
          chainLink: "weaving_knitting",
          listings: 2,
          capacity: expect.arrayContaining([
            { unit: "m_per_month", value: 20000 },
            { unit: "pcs_per_month", value: 100 },
          ]),
          spareListings: 1,
          spare: [{ unit: "pcs_per_month", value: 100 }],
          openDemands: 0,
        },
        { chainLink: "garment", listings: 1, capacity: [{ unit: "pcs_per_month", value: 5000 }], spareListings: 0, spare: [], openDemands: 0 },
      ]);
      expect(fig.chainLinks[1]!.capacity).toHaveLength(2);
      expect(fig.counties).toEqual([
        { adcode: GAOMI, firms: 2, verifiedFirms: 1, listings: 3 },
        { adcode: "370786", firms: 1, verifiedFirms: 0, listings: 0 },
        { adcode: ZHUCHENG, firms: 1, verifiedFirms: 1, listings: 3 },
        { adcode: "370725", firms: 0, verifiedFirms: 0, listings: 0 },
      ]);
    });

    it("shows a month's deals only when there are at least three (the last six complete China months)", async () => {
      const c = await callerFor(t.db, null, { now: at });
      const fig = await c.cluster.city({ adcode: WF });
      expect(fig.deals).toEqual({
        minimum: 3,
        months: [
          { month: "2025-12", deals: 3, amountFen: 600_000 },
          { month: "2026-01", deals: null, amountFen: null },
          { month: "2026-02", deals: null, amountFen: null },
          { month: "2026-03", deals: 3, amountFen: 300_000 },
          { month: "2026-04", deals: 3, amountFen: 300_000 },
          { month: "2026-05", deals: 3, amountFen: 1_800_000 },
        ],
      });
    });

    it("names nothing private: no firm, deal, title or contact, only counts and sums", async () => {
      const c = await callerFor(t.db, f5.userId, { now: at });
      const text = JSON.stringify([await c.cluster.city({ adcode: WF }), await c.cluster.overview()]);
      for (const secret of [...dealTitles, f1.organizationId, qb.organizationId, f1.email, "纱", "求购", "昌邑印染厂", "400000", "500000"]) expect(text).not.toContain(secret);
    });

    it("gives a few figures per city for the index, and refuses an unknown city", async () => {
      const c = await callerFor(t.db, null, { now: at });
      const { cities } = await c.cluster.overview();
      expect(cities[WF]).toEqual({ firms: 4, verifiedFirms: 2, listings: 6, openDemands: 3 });
      // Qingdao: f5 and qb; the Weifang firm's Qingdao site; the demand delivered there.
      expect(cities["370200"]).toEqual({ firms: 2, verifiedFirms: 1, listings: 1, openDemands: 1 });
      expect(cities["370500"]).toBeUndefined();
      const e = await c.cluster.city({ adcode: "379900" }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(TRPCError);
      expect((e as TRPCError).code).toBe("BAD_REQUEST");
    });
  },
  { fresh: true },
);
