import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createDeal, createMember } from "@/test/factories";
import { deals, demands, inquiries, listings, organizations, quotes, users } from "../../db/schema";
import type { Db } from "../../db/types";

type Party = Awaited<ReturnType<typeof createMember>>;

/**
 * A fixed, hand-built market (in a database of its own) and the figures computed by hand.
 * Firms: QA (anchor) and QS in Qingdao 370200; ZA (anchor) and ZS in Zibo 370300; WS in Weifang
 * 370700; JS in Suzhou (Jiangsu, outside Shandong); a service centre in Qingdao. Today is
 * 2030-06-15 in China; the period is 2030-01 … 2030-06 (China months).
 *
 * Deals (each with its inquiry and one supplier quote at the same instant):
 *   D1 QA←QS  2030-01-10  ¥10,000 (1,000,000 fen), introduced by the centre
 *   D2 QA←ZS  2030-02-20  2,000,000 fen
 *   D3 QA←JS  2030-03-05  1,000,000 fen
 *   D4 ZA←ZS  2030-03-31 23:30 China (15:30 UTC): March  4,000,000 fen
 *   D5 ZA←QS  2030-04-12  cancelled: counts as an inquiry and a quote, never as a deal
 *   D6 QA←QS  2029-12-31 23:00 China: before the period
 * Inquiries without deals:
 *   I7 WS on D2's demand, responded, 2030-04-30 17:00 UTC = 2030-05-01 01:00 China: May;
 *      two supplier quotes (May) and a buyer counter (not a quote)
 *   I8 WS on D4's demand, introduced, 2030-01-31 16:00 UTC = 2030-02-01 00:00 China: February
 */
describeEachDb(
  "analytics against a hand-built dataset",
  (t) => {
    const now = new Date("2030-06-15T04:00:00Z");
    const f = {} as Record<"centre" | "qa" | "qs" | "za" | "zs" | "ws" | "js" | "admin", Party>;

    async function deal(buyer: Party, supplier: Party, at: string, quantity: number, unitPriceFen: number, extra: { cancelled?: boolean; introducedBy?: string } = {}) {
      const d = await createDeal(t.db, { buyer, supplier, quantity, unitPriceFen, introducedByOrgId: extra.introducedBy ?? null });
      const when = new Date(at);
      await t.db.update(deals).set({ createdAt: when, ...(extra.cancelled ? { status: "cancelled" as const } : {}) }).where(eq(deals.id, d.dealId));
      await t.db.update(inquiries).set({ createdAt: when, ...(extra.introducedBy ? { source: "introduced" as const } : {}) }).where(eq(inquiries.id, d.inquiryId));
      await t.db.update(quotes).set({ createdAt: when }).where(eq(quotes.id, d.quoteId));
      return d;
    }

    async function inquiry(db: Db, demandId: string, buyer: Party, supplier: Party, source: "responded" | "introduced", at: string) {
      const [row] = await db.insert(inquiries).values({ demandId, buyerOrgId: buyer.organizationId, supplierOrgId: supplier.organizationId, source, status: "quoted", createdAt: new Date(at), introducedByOrgId: source === "introduced" ? f.centre.organizationId : null }).returning();
      return row!.id;
    }

    const quote = (inquiryId: string, revision: number, author: "supplier" | "buyer", at: string) =>
      t.db.insert(quotes).values({ inquiryId, revision, author, status: "superseded", unitPriceFen: 1000, priceUnit: "米", taxIncluded: true, invoiceType: "vat_special", quantityValue: 1, quantityUnit: "米", leadTimeDays: 10, validUntil: "2099-12-31", paymentTerms: "prepay", createdAt: new Date(at) });

    const openDemand = (org: Party, chainLink: string, quantity: number, unit: string, deliverCityAdcode: string | null, over: Partial<typeof demands.$inferInsert> = {}) =>
      t.db.insert(demands).values({ organizationId: org.organizationId, title: "需求", chainLink, quantityValue: quantity, quantityUnit: unit, deliverCityAdcode, status: "open", quoteDeadline: new Date("2030-12-31T15:59:59Z"), ...over });

    const capacity = (org: Party, chainLink: string, value: number, unit: string, over: Partial<typeof listings.$inferInsert> = {}) =>
      t.db.insert(listings).values({ organizationId: org.organizationId, kind: "capacity", status: "published", chainLink, title: "产能", capacityValue: value, capacityUnit: unit, capacityInputValue: value, capacityInputUnit: unit, availableTo: "2030-12-31", ...over });

    beforeAll(async () => {
      f.centre = await createMember(t.db, { type: "service_center", cityAdcode: "370200", countyAdcode: "370215" });
      f.qa = await createMember(t.db, { type: "anchor", cityAdcode: "370200", countyAdcode: "370215" });
      f.qs = await createMember(t.db, { cityAdcode: "370200", countyAdcode: "370215" });
      f.za = await createMember(t.db, { type: "anchor", cityAdcode: "370300", countyAdcode: undefined });
      f.zs = await createMember(t.db, { cityAdcode: "370300", countyAdcode: undefined });
      f.ws = await createMember(t.db, { cityAdcode: "370700", countyAdcode: undefined });
      f.js = await createMember(t.db, { cityAdcode: "370200", countyAdcode: "370215" });
      await t.db.update(organizations).set({ provinceAdcode: "320000", cityAdcode: "320500", countyAdcode: null }).where(eq(organizations.id, f.js.organizationId));
      f.admin = await createMember(t.db);
      await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, f.admin.userId));

      await deal(f.qa, f.qs, "2030-01-10T02:00:00Z", 1000, 1000, { introducedBy: f.centre.organizationId });
      const d2 = await deal(f.qa, f.zs, "2030-02-20T02:00:00Z", 1000, 2000);
      await deal(f.qa, f.js, "2030-03-05T02:00:00Z", 1000, 1000);
      const d4 = await deal(f.za, f.zs, "2030-03-31T15:30:00Z", 1000, 4000);
      await deal(f.za, f.qs, "2030-04-12T02:00:00Z", 1000, 1000, { cancelled: true });
      await deal(f.qa, f.qs, "2029-12-31T15:00:00Z", 1000, 1000);
      const i7 = await inquiry(t.db, d2.demandId, f.qa, f.ws, "responded", "2030-04-30T17:00:00Z");
      await quote(i7, 1, "supplier", "2030-04-30T17:00:00Z");
      await quote(i7, 2, "buyer", "2030-05-03T02:00:00Z");
      await quote(i7, 3, "supplier", "2030-05-04T02:00:00Z");
      await inquiry(t.db, d4.demandId, f.za, f.ws, "introduced", "2030-01-31T16:00:00Z");

      // Open demand now: OD1 + OD2 (Qingdao, by the buyer's city), OD3 (Zibo, weaving). Left out:
      // a demand past its deadline and a closed one.
      await openDemand(f.qa, "spinning", 20, "t", "370200");
      await openDemand(f.qa, "spinning", 5, "t", null);
      await openDemand(f.za, "weaving_knitting", 10000, "m", "370300");
      await openDemand(f.za, "spinning", 7, "t", "370300", { quoteDeadline: new Date("2030-06-01T00:00:00Z") });
      await openDemand(f.za, "spinning", 9, "t", "370300", { status: "closed" });
      // Spare capacity: published capacity listings in their window. Left out: one whose window
      // ended, a capability listing and a draft.
      await capacity(f.qs, "spinning", 300, "t_per_month");
      await capacity(f.zs, "spinning", 100, "t_per_month");
      await capacity(f.zs, "weaving_knitting", 50000, "m_per_month");
      await capacity(f.qs, "spinning", 80, "t_per_month", { availableTo: "2030-05-31" });
      await capacity(f.qs, "spinning", 60, "t_per_month", { kind: "capability", availableTo: null });
      await capacity(f.ws, "spinning", 40, "t_per_month", { status: "draft" });
    });

    const overview = async (who: Party, input: { from?: string; to?: string; city?: "370200" } = {}) =>
      (await callerFor(t.db, who.userId, { now })).analytics.overview({ from: "2030-01", to: "2030-06", ...input });

    const month = (m: string, v: Partial<Record<"invited" | "responded" | "introduced" | "quotes" | "deals" | "dealValueFen", number>>) => {
      const row = { month: m, invited: 0, responded: 0, introduced: 0, quotes: 0, deals: 0, dealValueFen: 0, ...v };
      return { ...row, matches: row.invited + row.responded + row.introduced };
    };

    it("gives a platform admin the province", async () => {
      const o = await overview(f.admin);
      expect(o.scope).toEqual({ kind: "province", cityAdcode: null });
      expect(o.period).toEqual({ from: "2030-01", to: "2030-06" });
      expect(o.monthly).toEqual([
        month("2030-01", { introduced: 1, quotes: 1, deals: 1, dealValueFen: 1_000_000 }),
        month("2030-02", { invited: 1, introduced: 1, quotes: 1, deals: 1, dealValueFen: 2_000_000 }),
        month("2030-03", { invited: 2, quotes: 2, deals: 2, dealValueFen: 5_000_000 }),
        month("2030-04", { invited: 1, quotes: 1 }),
        month("2030-05", { responded: 1, quotes: 2 }),
        month("2030-06", {}),
      ]);
      expect(o.sourcing).toEqual({ totalFen: 8_000_000, sameCityFen: 5_000_000, sameProvinceFen: 7_000_000, sameCityRate: 0.625, sameProvinceRate: 0.875 });
      expect(o.supply).toEqual([
        { chainLink: "spinning", cityAdcode: "370200", unit: "t", demand: 25, capacity: 300, demands: 2, listings: 1 },
        { chainLink: "spinning", cityAdcode: "370300", unit: "t", demand: 0, capacity: 100, demands: 0, listings: 1 },
        { chainLink: "weaving_knitting", cityAdcode: "370300", unit: "m", demand: 10000, capacity: 50000, demands: 1, listings: 1 },
      ]);
      expect(o.cities).toEqual([
        { cityAdcode: "370200", inquiries: 5, deals: 3, dealValueFen: 4_000_000, activity: 8 },
        { cityAdcode: "370300", inquiries: 4, deals: 2, dealValueFen: 6_000_000, activity: 6 },
        { cityAdcode: "320500", inquiries: 1, deals: 1, dealValueFen: 1_000_000, activity: 2 },
        { cityAdcode: "370700", inquiries: 2, deals: 0, dealValueFen: 0, activity: 2 },
      ]);
    });

    it("gives a service centre its city and its own introductions; an admin the city alone", async () => {
      const o = await overview(f.centre);
      expect(o.scope).toEqual({ kind: "city", cityAdcode: "370200", introducerOrgId: f.centre.organizationId });
      // I8 (Zibo buyer, Weifang supplier) is in February because the centre introduced it; Zibo:
      // D2, D5 and I8 (3 inquiries) and D2 (1 deal, D5 was cancelled).
      const centreMonths = [
        month("2030-01", { introduced: 1, quotes: 1, deals: 1, dealValueFen: 1_000_000 }),
        month("2030-02", { invited: 1, introduced: 1, quotes: 1, deals: 1, dealValueFen: 2_000_000 }),
        month("2030-03", { invited: 1, quotes: 1, deals: 1, dealValueFen: 1_000_000 }),
        month("2030-04", { invited: 1, quotes: 1 }),
        month("2030-05", { responded: 1, quotes: 2 }),
        month("2030-06", {}),
      ];
      expect(o.monthly).toEqual(centreMonths);
      expect(o.sourcing).toEqual({ totalFen: 4_000_000, sameCityFen: 1_000_000, sameProvinceFen: 3_000_000, sameCityRate: 0.25, sameProvinceRate: 0.75 });
      expect(o.supply).toEqual([{ chainLink: "spinning", cityAdcode: "370200", unit: "t", demand: 25, capacity: 300, demands: 2, listings: 1 }]);
      expect(o.cities).toEqual([
        { cityAdcode: "370200", inquiries: 5, deals: 3, dealValueFen: 4_000_000, activity: 8 },
        { cityAdcode: "370300", inquiries: 3, deals: 1, dealValueFen: 2_000_000, activity: 4 },
        { cityAdcode: "320500", inquiries: 1, deals: 1, dealValueFen: 1_000_000, activity: 2 },
        { cityAdcode: "370700", inquiries: 2, deals: 0, dealValueFen: 0, activity: 2 },
      ]);
      const admin = await overview(f.admin, { city: "370200" });
      expect(admin.scope).toEqual({ kind: "city", cityAdcode: "370200" });
      expect(admin.monthly).toEqual(centreMonths.map((m) => (m.month === "2030-02" ? month("2030-02", { invited: 1, quotes: 1, deals: 1, dealValueFen: 2_000_000 }) : m)));
      expect(admin.sourcing).toEqual(o.sourcing);
      expect(admin.supply).toEqual(o.supply);
    });

    it("narrows to a shorter period and refuses everyone else", async () => {
      const o = await overview(f.admin, { from: "2030-03", to: "2030-03" });
      expect(o.monthly).toEqual([month("2030-03", { invited: 2, quotes: 2, deals: 2, dealValueFen: 5_000_000 })]);
      expect(o.sourcing.totalFen).toBe(5_000_000);
      await expect(overview(f.qa)).rejects.toMatchObject({ code: "FORBIDDEN", message: "analytics.errors.forbidden" });
      await expect(overview(f.centre, { city: "370200" })).resolves.toMatchObject({ scope: { cityAdcode: "370200" } });
      await expect((await callerFor(t.db, f.centre.userId, { now })).analytics.overview({ city: "370300" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect((await callerFor(t.db, null, { now })).analytics.overview({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });
  },
  { fresh: true },
);
