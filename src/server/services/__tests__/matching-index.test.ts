import { eq } from "drizzle-orm";
import { Pool } from "pg";
import { beforeAll, expect, it } from "vitest";
import { generateBenchMarket, insertBenchMarket } from "@/cli/commands/bench-match-market";
import { toMatchDemand } from "@/domain/matching/match";
import type { DemandJson } from "@/domain/matching/types";
import { createRng } from "@/server/services/seed/rng";
import { describeEachDb } from "@/test/db";
import { uniq } from "@/test/factories";
import { certifications, deliveryRecords, listingCertifications, listings, organizations, sites } from "../../db/schema";
import type { Db } from "../../db/types";
import { importListingsFile } from "../imports";
import { matchDemand } from "../matching";
import { indexedListing, indexedListings, matchingIndexStats, pruneMarketChanges } from "../matching-index";
import { loadCandidateListings } from "../matching-index-load";

/**
 * The matcher's in-process index is exact at every match: whatever writes (services, imports, raw
 * SQL, another connection, a transaction that commits late), the very next match sees it, and after
 * any sequence of writes the index equals a fresh build.
 */

const ASOF = "2027-01-10";
const HEADER = "ref,company_name,city_adcode,lat,lng,kind,chain_link,processes,products,fibers,title,capacity_value,capacity_unit,moq_value,moq_unit,lead_time_days,yarn_count_ne_min,yarn_count_ne_max,certifications,available_from,available_to";

/** A second connection to the same database (PostgreSQL), or the same client (PGlite has one). */
function otherConnection(t: { db: Db; kind: string }): { query: (q: string, params?: unknown[]) => Promise<unknown>; end: () => Promise<void> } {
  const client = (t.db as unknown as { $client: Pool & { options?: { connectionString?: string } } }).$client;
  if (t.kind !== "postgres") return { query: (q, params) => client.query(q, params), end: async () => {} };
  const pool = new Pool({ connectionString: client.options!.connectionString, max: 2 });
  return { query: (q, params) => pool.query(q, params), end: () => pool.end() };
}

describeEachDb(
  "matching index freshness",
  (t) => {
    const p = uniq("X");
    const demand = (over: DemandJson = {}) =>
      toMatchDemand({ chainLink: "spinning", processes: ["ring_carded"], text: "普梳棉纱", quantity: { value: 50, unit: "t" }, needBy: "2027-02-20", deliverTo: { cityAdcode: "371700" }, ...over }, { asOf: ASOF });
    const match = async (over: DemandJson = {}) => (await matchDemand(t.db, demand(over), ASOF, 50)).results;
    const refs = async (over: DemandJson = {}) => (await match(over)).map((r) => r.ref);
    const idOf = async (ref: string) => (await t.db.select({ id: listings.id }).from(listings).where(eq(listings.ref, ref)))[0]!.id;

    beforeAll(async () => {
      const rows = [
        `${p}-A,菏泽${p}甲纺织有限公司,371700,35.24,115.48,capability,spinning,ring_carded,yarn,cotton,普梳棉纱 A,300,t_per_month,5,t,10,20,40,oeko_tex_100@2027-12-31,,`,
        `${p}-B,德州${p}乙纺织有限公司,371400,37.43,116.36,capability,spinning,ring_carded,yarn,cotton,普梳棉纱 B,300,t_per_month,5,t,10,20,40,,,`,
      ];
      const report = await importListingsFile(t.db, { bytes: new TextEncoder().encode([HEADER, ...rows].join("\n")), account: { kind: "platform" }, now: new Date("2027-01-01T00:00:00Z") });
      expect(report.rejected, JSON.stringify(report.errors)).toBe(0);
      expect(await refs()).toEqual([`${p}-A`, `${p}-B`]);
    });

    it("sees a listing inserted, updated and deleted in the very next match", async () => {
      const a = (await t.db.select().from(listings).where(eq(listings.ref, `${p}-A`)))[0]!;
      const { id: _id, ref: _ref, createdAt: _c, updatedAt: _u, ...copy } = a;
      const [c] = await t.db.insert(listings).values({ ...copy, ref: `${p}-C`, title: "普梳棉纱 C" }).returning({ id: listings.id });
      expect(await refs()).toContain(`${p}-C`);
      await t.db.update(listings).set({ status: "paused" }).where(eq(listings.id, c!.id));
      expect(await refs()).not.toContain(`${p}-C`);
      await t.db.update(listings).set({ status: "published", capacityValue: 20 }).where(eq(listings.id, c!.id));
      expect(await refs()).not.toContain(`${p}-C`); // 20 t/month cannot make 50 t before the date
      await t.db.update(listings).set({ capacityValue: 300 }).where(eq(listings.id, c!.id));
      expect(await refs()).toContain(`${p}-C`);
      await t.db.delete(listings).where(eq(listings.id, c!.id));
      expect(await refs()).not.toContain(`${p}-C`);
      expect(await indexedListing(t.db, c!.id)).toBeNull();
    });

    it("sees a certificate's expiry change and a listing's certificate removed", async () => {
      const required = { requiredCertifications: ["oeko_tex_100"] };
      expect(await refs(required)).toEqual([`${p}-A`]);
      const a = await idOf(`${p}-A`);
      const [link] = await t.db.select().from(listingCertifications).where(eq(listingCertifications.listingId, a));
      await t.db.update(certifications).set({ validTo: "2027-01-09" }).where(eq(certifications.id, link!.certificationId));
      expect(await refs(required)).toEqual([]);
      await t.db.update(certifications).set({ validTo: "2028-06-30" }).where(eq(certifications.id, link!.certificationId));
      const [hit] = await match(required);
      expect(hit?.reasons.find((r) => r.code === "certification")?.detail).toBe("oeko_tex_100 valid until 2028-06-30");
      await t.db.delete(listingCertifications).where(eq(listingCertifications.listingId, a));
      expect(await refs(required)).toEqual([]);
      await t.db.insert(listingCertifications).values(link!);
      expect(await refs(required)).toEqual([`${p}-A`]);
    });

    it("sees an organisation's verification and delivery record", async () => {
      const a = (await t.db.select().from(listings).where(eq(listings.ref, `${p}-A`)))[0]!;
      const verified = async () => (await match()).find((r) => r.ref === `${p}-A`)!.reasons.find((r) => r.code === "verification")!.params;
      expect(await verified()).toEqual({ factor: "verification", verified: false });
      await t.db.update(organizations).set({ verificationState: "verified" }).where(eq(organizations.id, a.organizationId));
      expect(await verified()).toEqual({ factor: "verification", verified: true });
      await t.db.insert(deliveryRecords).values({ organizationId: a.organizationId, deliveredDeals: 4, onTimeDeals: 4, ratings: 2, avgOnTime: 5, avgQuality: 4, avgCommunication: 5 });
      const record = (await match()).find((r) => r.ref === `${p}-A`)!.reasons.find((r) => r.code === "delivery_record");
      expect(record?.params).toEqual({ factor: "delivery_record", deals: 4, onTimePct: 100, avgRating: 4.7 });
    });

    it("sees a site move (distance) in the very next match", async () => {
      const b = (await t.db.select().from(listings).where(eq(listings.ref, `${p}-B`)))[0]!;
      const km = async () => (await match()).find((r) => r.ref === `${p}-B`)?.distanceKm ?? null;
      expect(await km()).toBeGreaterThan(200);
      await t.db.update(sites).set({ lat: 35.25, lng: 115.47 }).where(eq(sites.id, b.siteId!));
      expect(await km()).toBeLessThan(5);
      expect(await refs({ maxDistanceKm: 30 })).toContain(`${p}-B`);
    });

    it("sees a change committed by another connection", async () => {
      const other = otherConnection(t);
      try {
        const b = await idOf(`${p}-B`);
        await other.query("UPDATE listings SET status = 'archived' WHERE id = $1", [b]);
        expect(await refs()).not.toContain(`${p}-B`);
        await other.query("UPDATE listings SET status = 'published' WHERE id = $1", [b]);
        expect(await refs()).toContain(`${p}-B`);
      } finally {
        await other.end();
      }
    });

    if (t.kind === "postgres") {
      it("sees a transaction that took its id before the last match and committed after it", async () => {
        const client = (t.db as unknown as { $client: Pool & { options: { connectionString: string } } }).$client;
        const early = new Pool({ connectionString: client.options.connectionString, max: 1 });
        const conn = await early.connect();
        try {
          const a = await idOf(`${p}-A`);
          await conn.query("BEGIN");
          await conn.query("UPDATE listings SET title = $2 WHERE id = $1", [a, "普梳棉纱 迟到的事务"]);
          // A later transaction commits first; the match between them must not skip the early one.
          await t.db.update(listings).set({ title: "普梳棉纱 B2" }).where(eq(listings.ref, `${p}-B`));
          expect((await indexedListing(t.db, await idOf(`${p}-B`)))?.title).toBe("普梳棉纱 B2");
          expect((await indexedListing(t.db, a))?.title).toBe("普梳棉纱 A");
          await conn.query("COMMIT");
          expect((await indexedListing(t.db, a))?.title).toBe("普梳棉纱 迟到的事务");
        } finally {
          conn.release();
          await early.end();
        }
      });
    }

    it("rebuilds when the change feed was pruned past it, and equals a fresh build", async () => {
      const before = (await matchingIndexStats(t.db)).builds;
      await t.db.update(listings).set({ title: "普梳棉纱 B3" }).where(eq(listings.ref, `${p}-B`));
      // Everything committed is pruned, the change above included (a negative age: PGlite's clock
      // may give that change and the prune the same now()): the index must notice.
      expect(await pruneMarketChanges(t.db, "-1 minute")).toBeGreaterThan(0);
      expect((await indexedListing(t.db, await idOf(`${p}-B`)))?.title).toBe("普梳棉纱 B3");
      expect(await indexedListings(t.db)).toEqual(await loadCandidateListings(t.db, { all: true }));
      // Rebuilt once for that marker, not again at every match.
      await match();
      await match();
      expect((await matchingIndexStats(t.db)).builds).toBe(before + 1);
    });

    it("rebuilds after a bulk change (more changes than it reloads one by one)", async () => {
      const before = (await matchingIndexStats(t.db)).builds;
      await insertBenchMarket(t.db, generateBenchMarket(2100, 0xb01c));
      const indexed = await indexedListings(t.db);
      expect((await matchingIndexStats(t.db)).builds).toBe(before + 1);
      expect(indexed).toEqual(await loadCandidateListings(t.db, { all: true }));
      expect(indexed.length).toBeGreaterThan(1800);
    });

    it("equals a fresh build after a random sequence of writes", async () => {
      const rng = createRng(7);
      const ids = (await t.db.select({ id: listings.id }).from(listings)).map((r) => r.id);
      const orgs = (await t.db.select({ id: organizations.id }).from(organizations)).map((r) => r.id);
      const siteIds = (await t.db.select({ id: sites.id }).from(sites)).map((r) => r.id);
      const certIds = (await t.db.select({ id: certifications.id }).from(certifications)).map((r) => r.id);
      const template = (await t.db.select().from(listings).where(eq(listings.id, ids[0]!)))[0]!;
      const { id: _id, ref: _ref, createdAt: _c, updatedAt: _u, ...copy } = template;
      for (let step = 0; step < 40; step++) {
        const pick = <T,>(xs: T[]) => xs[rng.int(0, xs.length - 1)]!;
        switch (rng.int(0, 7)) {
          case 0: {
            const [n] = await t.db.insert(listings).values({ ...copy, ref: uniq(`${p}-R`), title: `随机 ${step}`, organizationId: pick(orgs) }).returning({ id: listings.id });
            ids.push(n!.id);
            break;
          }
          case 1:
            await t.db.update(listings).set({ status: pick(["published", "paused", "draft"] as const) }).where(eq(listings.id, pick(ids)));
            break;
          case 2:
            await t.db.update(listings).set({ capacityValue: rng.int(1, 900), leadTimeDays: rng.int(0, 40), processes: [pick(["ring_carded", "ring_combed", "open_end_rotor"])] }).where(eq(listings.id, pick(ids)));
            break;
          case 3:
            await t.db.update(organizations).set({ verificationState: pick(["verified", "unverified"] as const), nameZh: `机构 ${step} ${p}`, lat: 35 + rng(), lng: 116 + rng() }).where(eq(organizations.id, pick(orgs)));
            break;
          case 4:
            await t.db.update(sites).set({ lat: rng() < 0.3 ? null : 35 + rng() * 2, lng: 116 + rng() * 2, countyAdcode: null }).where(eq(sites.id, pick(siteIds)));
            break;
          case 5:
            await t.db.update(certifications).set({ validTo: pick(["2026-12-31", "2027-06-30", null]), verificationState: pick(["pending", "verified", "rejected"] as const) }).where(eq(certifications.id, pick(certIds)));
            break;
          case 6:
            await t.db.insert(listingCertifications).values({ listingId: pick(ids), certificationId: pick(certIds) }).onConflictDoNothing();
            break;
          default: {
            const victim = pick(ids);
            await t.db.delete(listings).where(eq(listings.id, victim));
            ids.splice(ids.indexOf(victim), 1);
          }
        }
        // Some writes land between matches, some pile up before one.
        if (rng() < 0.5) await match();
      }
      const indexed = await indexedListings(t.db);
      expect(indexed).toEqual(await loadCandidateListings(t.db, { all: true }));
      expect(indexed.length).toBe((await t.db.select({ id: listings.id }).from(listings).where(eq(listings.status, "published"))).length);
    });
  },
  { fresh: true },
);
