import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { chainLinkIds, getProcess, getProduct, shandongCityAdcodes } from "@/domain/taxonomy";
import { isValidUscc } from "@/domain/uscc";
import { rateUnitIds } from "@/domain/units";
import { demandInputSchema, listingInputSchema } from "@/domain/schemas/market";
import { generateMarket } from "../seed/market";
import { openDatabase } from "../../db/open";
import type { Db } from "../../db/types";
import { certifications, demands, listingCertifications, listings, managedProfileConsents, memberships, organizations, users } from "../../db/schema";
import { authenticateWithPassword } from "../accounts";
import { DEMO_PASSWORD, seedDemo } from "../seed";
import { planOf, usageOf } from "../billing-limits";
import { entitlementsOf, exceeds } from "@/domain/billing/plans";

const NOW = new Date("2026-11-28T04:00:00Z");
const TODAY = "2026-11-28";

class Rollback extends Error {}

/** Seeds inside a transaction that is rolled back; on PostgreSQL the suite also has a database of its own. */
async function inRolledBack(db: Db, body: (tx: Db) => Promise<void>) {
  await expect(
    db.transaction(async (tx) => {
      await body(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

describeEachDb("demo seed", (t) => {
  it("builds a realistic Shandong market once, with sign-in-able demo accounts for each role", { timeout: 120_000 }, async () => {
    await inRolledBack(t.db, async (db) => {
      const started = Date.now();
      const first = await seedDemo(db, { now: NOW });
      console.info(`seed [${t.kind}]: ${Date.now() - started} ms`, first.counts);
      const second = await seedDemo(db, { now: NOW });
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      // Every seeded listing and demand is queued for the search engine (found by the first search).
      const queued = await db.execute(sql`select
        (select count(distinct entity_id) from search_outbox where processed_at is null and entity = 'listing')::int as listings,
        (select count(distinct entity_id) from search_outbox where processed_at is null and entity = 'demand')::int as demands`);
      expect((queued as unknown as { rows: { listings: number; demands: number }[] }).rows[0]).toEqual({ listings: first.counts!.listings, demands: first.counts!.demands });

      // Accounts: anchor, SME and service-centre owners, and an admin and a member.
      const emails = first.accounts.map((a) => a.email);
      const rows = await db.select().from(users).where(inArray(users.email, emails));
      expect(rows).toHaveLength(emails.length);
      expect(new Set(first.accounts.map((a) => a.orgType))).toEqual(new Set(["anchor", "sme", "service_center"]));
      expect(new Set(first.accounts.map((a) => a.role))).toEqual(new Set(["owner", "admin", "member"]));
      const roles = await db.select({ role: memberships.role }).from(memberships).where(inArray(memberships.userId, rows.map((r) => r.id)));
      expect(roles).toHaveLength(emails.length);
      // Managed profiles: the demo centre manages one firm and waits for another's answer.
      const [centre] = await db.select({ id: memberships.organizationId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, "cluster@demo.fanglian.local"));
      const consents = await db.select({ status: managedProfileConsents.status }).from(managedProfileConsents).where(eq(managedProfileConsents.centreOrgId, centre!.id));
      expect(consents.map((c) => c.status).sort()).toEqual(["active", "requested"]);
      // Billing: each demo firm holds its kind's paid plan, and what the seed made stays within it.
      for (const { organizationId } of await db.select({ organizationId: memberships.organizationId }).from(memberships).where(inArray(memberships.userId, rows.map((r) => r.id)))) {
        const plan = await planOf(db, organizationId, NOW);
        const usage = await usageOf(db, organizationId, NOW);
        expect(plan).not.toBe("free");
        expect(exceeds(entitlementsOf(plan).openDemands, usage.openDemands) || exceeds(entitlementsOf(plan).publishedListings, usage.publishedListings), `${plan} ${JSON.stringify(usage)}`).toBe(false);
      }
      for (const email of [emails[0]!, "staff@demo.fanglian.local"]) {
        const user = await authenticateWithPassword({ db, input: { email, password: DEMO_PASSWORD }, ip: "seed-test" });
        expect(user.id).toBe(rows.find((r) => r.email === email)!.id);
      }

      // Organisations: many, everywhere, mixed, with valid and unique codes.
      const orgs = await db.select().from(organizations);
      expect(orgs.length).toBeGreaterThanOrEqual(400);
      expect(new Set(orgs.map((o) => o.cityAdcode))).toEqual(new Set(shandongCityAdcodes));
      const byType = (type: string) => orgs.filter((o) => o.type === type).length;
      expect(byType("anchor")).toBeGreaterThanOrEqual(24);
      expect(byType("service_center")).toBeGreaterThanOrEqual(8);
      expect(orgs.filter((o) => o.smeLevel !== null).length).toBeGreaterThan(50);
      expect(orgs.every((o) => o.uscc !== null && isValidUscc(o.uscc))).toBe(true);
      expect(new Set(orgs.map((o) => o.uscc)).size).toBe(orgs.length);
      expect(new Set(orgs.map((o) => o.nameZh)).size).toBe(orgs.length);
      expect(orgs.every((o) => o.lat !== null && o.lng !== null && o.lat > 34 && o.lat < 38.5 && o.lng > 114.5 && o.lng < 123)).toBe(true);
      // Concentrated in the clusters: Jimo (children's wear) and Huimin (ropes & nets) outnumber a plain city.
      expect(orgs.filter((o) => o.countyAdcode === "370215").length).toBeGreaterThan(30);
      expect(orgs.filter((o) => o.countyAdcode === "371621").length).toBeGreaterThan(20);

      // Listings: every chain link, processes of that link only, canonical units.
      const all = await db.select().from(listings);
      expect(all.length).toBeGreaterThanOrEqual(1000);
      const published = all.filter((l) => l.status === "published");
      for (const link of chainLinkIds) expect(published.some((l) => l.chainLink === link), link).toBe(true);
      for (const l of all) {
        expect(l.processes.length).toBeGreaterThan(0);
        for (const p of l.processes) expect(getProcess(p)?.chainLink.id, `${l.title}: ${p}`).toBe(l.chainLink);
        for (const p of l.products) expect(getProduct(p)?.chainLinks, `${l.title}: ${p}`).toContain(l.chainLink);
        expect(getProcess(l.processes[0]!)!.process.capacityUnits).toContain(l.capacityUnit);
        expect(rateUnitIds).toContain(l.capacityUnit);
        expect(l.capacityValue).toBeGreaterThan(0);
        if (l.yarnCountNeMin !== null) expect(l.yarnCountNeMin).toBeLessThanOrEqual(l.yarnCountNeMax!);
        if (l.safetyClass !== null) expect(["garment", "home_textiles"]).toContain(l.chainLink);
      }
      expect(all.filter((l) => l.chainLink === "spinning").every((l) => l.yarnCountNeMin! >= 10 && l.yarnCountNeMax! <= 80)).toBe(true);
      expect(all.some((l) => l.equipment?.some((e) => e.unit === "spindles"))).toBe(true);
      // Spare capacity around today: most windows current or coming, some over.
      const windows = all.filter((l) => l.kind === "capacity");
      expect(windows.length).toBeGreaterThan(100);
      expect(windows.every((l) => l.availableFrom !== null && l.availableTo !== null && l.availableFrom <= l.availableTo)).toBe(true);
      const over = windows.filter((l) => l.availableTo! < TODAY).length;
      expect(over).toBeGreaterThan(0);
      expect(over).toBeLessThan(windows.length / 4);
      expect(windows.filter((l) => l.availableFrom! <= TODAY && l.availableTo! >= TODAY).length).toBeGreaterThan(20);

      // Certificates: varied states and expiry, some backing listings.
      const certs = await db.select().from(certifications);
      expect(certs.some((c) => c.validTo! < TODAY)).toBe(true);
      expect(certs.filter((c) => c.validTo! >= TODAY).length).toBeGreaterThan(certs.length / 2);
      expect(new Set(certs.map((c) => c.verificationState))).toEqual(new Set(["pending", "verified", "rejected"]));
      const [{ n: linked }] = (await db.select({ n: sql<number>`count(*)::int` }).from(listingCertifications)) as [{ n: number }];
      expect(linked).toBeGreaterThan(100);

      // Demands: at least 100 open with deadlines ahead, a few decided or expired.
      const open = await db.select().from(demands).where(and(eq(demands.status, "open"), gt(demands.quoteDeadline, NOW)));
      expect(open.length).toBeGreaterThanOrEqual(100);
      expect(open.every((d) => d.needBy! > TODAY && d.quantityValue! > 0 && d.deliverCityAdcode !== null)).toBe(true);
      expect(open.every((d) => d.processes.every((p) => getProcess(p)?.chainLink.id === d.chainLink))).toBe(true);
      expect(open.some((d) => d.requiredCertifications.length > 0)).toBe(true);
      expect(new Set(open.map((d) => d.paymentTerms))).toEqual(new Set(["prepay", "monthly", "acceptance"]));
      const others = await db.select({ status: demands.status, deadline: demands.quoteDeadline }).from(demands).where(inArray(demands.status, ["expired", "closed", "awarded"]));
      expect(new Set(others.map((d) => d.status))).toEqual(new Set(["expired", "closed", "awarded"]));
      expect(others.every((d) => d.deadline! < NOW)).toBe(true);
    });
  });
}, { fresh: true });

/** null → undefined, as a form or the API would send it. */
const defined = <T extends object>(row: T) => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));

describe("demo seed determinism", () => {
  it("names the same firms whatever the date, and dates everything from the day in Shanghai", () => {
    const a = generateMarket(NOW, []);
    const sameDay = generateMarket(new Date("2026-11-28T15:30:00Z"), []); // 23:30 in Shanghai
    const later = generateMarket(new Date("2027-03-01T04:00:00Z"), []);
    expect(sameDay).toEqual(a);
    expect(later.firms.map((f) => [f.nameZh, f.uscc])).toEqual(a.firms.map((f) => [f.nameZh, f.uscc]));
    expect(later.listings.map((l) => l.title)).toEqual(a.listings.map((l) => l.title));
    expect(later.demands[0]!.quoteDeadline.getTime()).toBeGreaterThan(a.demands[0]!.quoteDeadline.getTime());
  });

  it("generates listings and demands that the forms' own schemas accept", () => {
    const market = generateMarket(NOW, []);
    for (const l of market.listings) {
      const input = defined({ ...l, capacityValue: l.capacityInputValue, capacityUnit: l.capacityInputUnit, moqValue: l.moqInputValue, moqUnit: l.moqInputUnit });
      const parsed = listingInputSchema.safeParse(input);
      expect(parsed.success, `${l.title}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    for (const d of market.demands) {
      const input = defined({ ...d, quantityValue: d.quantityInputValue, quantityUnit: d.quantityInputUnit, quoteDeadline: d.quoteDeadline.toISOString() });
      const parsed = demandInputSchema.safeParse(input);
      expect(parsed.success, `${d.title}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });


  it("builds the same firms in two fresh databases", { timeout: 120_000 }, async () => {
    const snapshot = async () => {
      const handle = await openDatabase({ memory: true });
      try {
        await seedDemo(handle.db, { now: NOW });
        const orgs = await handle.db.select({ name: organizations.nameZh, uscc: organizations.uscc, lat: organizations.lat }).from(organizations).orderBy(organizations.uscc);
        const ls = await handle.db.select({ title: listings.title, value: listings.capacityValue }).from(listings).orderBy(listings.id);
        return { orgs, ls };
      } finally {
        await handle.close();
      }
    };
    const a = await snapshot();
    const b = await snapshot();
    expect(a.orgs.length).toBeGreaterThanOrEqual(400);
    expect(b).toEqual(a);
  });
});
