import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor } from "@/test/factories";
import { deals, users } from "../../db/schema";
import { seedDemo } from "../seed";

/** The demo orders of the seed read through the real procedures, and stay put when seeding again. */
describeEachDb(
  "demo deals",
  (t) => {
    it("seeds a delivered and rated order, one with a returned lab dip and one shipped in part", { timeout: 120_000 }, async () => {
      const now = new Date();
      const first = await seedDemo(t.db, { now });
      expect(first.counts?.deals).toBe(3);
      const emails = ["anchor@demo.fanglian.local", "kids@demo.fanglian.local", "hometex@demo.fanglian.local", "sweater@demo.fanglian.local", "cluster@demo.fanglian.local"];
      const ids = Object.fromEntries((await t.db.select().from(users).where(inArray(users.email, emails))).map((u) => [u.email!.split("@")[0]!, u.id]));
      const anchor = await callerFor(t.db, ids.anchor!, { now });
      const list = await anchor.deal.list();
      expect(list.map((d) => [d.title, d.viewer, d.status, d.stage, d.late]).sort()).toEqual(
        [
          ["婴幼儿针织套装 A类 2万件", "buyer", "closed", "closed", false],
          ["纯棉毛巾浴巾套装 3万套", "buyer", "active", "lab_dip", false],
          ["羊毛混纺毛衫 12G 5000件", "buyer", "active", "shipped", false],
        ].sort(),
      );
      const byTitle = (prefix: string) => list.find((d) => d.title.startsWith(prefix))!.id;

      // Delivered on time, rated both ways: kids@'s delivery record shows it; the Jimo centre reads the order.
      const kidsDeal = await anchor.deal.get({ dealId: byTitle("婴幼儿") });
      expect(kidsDeal.ratings.map((r) => r.side).sort()).toEqual(["buyer", "supplier"]);
      expect(kidsDeal.money).toMatchObject({ invoicedFen: 37_000_000, confirmedFen: 37_000_000, balanceFen: 0 });
      expect(kidsDeal.shipping).toMatchObject({ shipped: 19_900, received: 19_900, withinTolerance: true });
      expect(kidsDeal.stages.every((s) => s.state === "done")).toBe(true);
      expect(await anchor.organization.deliveryRecord({ organizationId: kidsDeal.supplier.id })).toMatchObject({
        deliveredDeals: 1,
        onTimeDeals: 1,
        onTimeRate: 1,
        ratings: 1,
        avgOnTime: 5,
        avgQuality: 5,
        avgCommunication: 4,
      });
      expect((await (await callerFor(t.db, ids.cluster!, { now })).deal.get({ dealId: kidsDeal.deal.id })).viewer).toBe("introducer");

      // The lab dip was sent back: the supplier's turn to resubmit, through the real procedure.
      const hometex = await callerFor(t.db, ids.hometex!, { now });
      const towels = await hometex.deal.get({ dealId: byTitle("纯棉毛巾") });
      expect(towels.stages.find((s) => s.stage === "lab_dip")).toMatchObject({ state: "returned", comment: expect.stringContaining("Pantone") });
      expect(towels.actions.stage).toEqual(["submit"]);
      await hometex.deal.act({ dealId: towels.deal.id, stage: "lab_dip", action: "submit", comment: "已按色号重打" });

      // Shipped in part, on an acceptance bill at 90 days: the SME payment warning.
      const sweaters = await anchor.deal.get({ dealId: byTitle("羊毛混纺") });
      expect(sweaters.deal.paymentTermsWarning).toBe(true);
      expect(sweaters.shipping).toMatchObject({ shipped: 3000, received: 3000, inTransit: 0, withinTolerance: false });
      expect(sweaters.stages.filter((s) => s.state === "skipped").map((s) => s.stage)).toEqual(["samples", "lab_dip", "pp_sample"]);

      // Again: nothing new.
      expect((await seedDemo(t.db, { now })).created).toBe(false);
      expect(await t.db.select({ id: deals.id }).from(deals).where(eq(deals.buyerOrgId, kidsDeal.buyer.id))).toHaveLength(3);
    });
  },
  { fresh: true },
);
