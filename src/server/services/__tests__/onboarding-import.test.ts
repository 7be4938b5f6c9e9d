import fs from "node:fs";
import path from "node:path";
import { and, count, eq, inArray } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { auditLog, importJobs, importReviewItems, organizationAliases, organizations, sites } from "../../db/schema";
import { importOshFile, type OshImportResult } from "../onboarding-import";

const DIR = path.resolve(__dirname, "../../../domain/resolution/__fixtures__/opensupplyhub");
const LISTS = fs.readdirSync(DIR).filter((f) => f.endsWith(".csv")).sort();
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(DIR, f)));

/**
 * The real Open Supply Hub lists imported through the service, in file-name order, as the platform:
 * the same outcomes as the pure engine (src/domain/resolution/resolve.test.ts), now stored.
 */
describeEachDb(
  "onboarding import of the real Open Supply Hub lists",
  (t) => {
    const results = new Map<string, OshImportResult>();
    beforeAll(async () => {
      for (const f of LISTS) results.set(f, await importOshFile(t.db, { bytes: read(f), fileName: f, account: { kind: "platform" } }));
    }, 120_000);

    const row = (list: string, line: number) => {
      const r = results.get(`${list}.csv`)?.rows.find((x) => x.line === line);
      if (!r) throw new Error(`no row ${list}:${line}`);
      return r;
    };
    const orgOf = async (list: string, line: number) => {
      const [o] = await t.db.select().from(organizations).where(eq(organizations.id, row(list, line).organizationId!));
      return o!;
    };

    it("stores the organisations, merges and review items the engine decides, with the §2 report per job", async () => {
      const sum = (k: "created" | "merged" | "review" | "unchanged" | "rejected" | "flagged") => [...results.values()].reduce((s, r) => s + r.report[k], 0);
      expect({ created: sum("created"), merged: sum("merged"), review: sum("review"), unchanged: sum("unchanged"), rejected: sum("rejected"), flagged: sum("flagged") }).toEqual({
        created: 439,
        merged: 6,
        review: 7,
        unchanged: 9,
        rejected: 471,
        flagged: 21,
      });
      const ids = [...results.values()].flatMap((r) => r.rows.filter((x) => x.outcome === "created").map((x) => x.organizationId!));
      const [stored] = await t.db.select({ n: count() }).from(organizations).where(inArray(organizations.id, ids));
      expect(stored!.n).toBe(439);
      const [siteCount] = await t.db.select({ n: count() }).from(sites).where(inArray(sites.organizationId, ids));
      expect(siteCount!.n).toBe(439);
      const [reviews] = await t.db.select({ n: count() }).from(importReviewItems);
      expect(reviews!.n).toBe(7);
      const first = results.get(LISTS[0]!)!;
      const [job] = await t.db.select().from(importJobs).where(eq(importJobs.id, first.jobId));
      expect(job).toMatchObject({ format: "osh", fileName: LISTS[0], organizationId: null, created: first.report.created, rejected: first.report.rejected });
      expect(first.report.rows[0]).toEqual({ line: 2, name: expect.any(String), outcome: "rejected", flags: [], reason: "The facility is outside China (Cambodia): the platform registers firms in China only" });
    });

    it("merges the same factory spelled differently, keeping the other name as an alias and every field's source", async () => {
      // Zhucheng Hengwei: the 2017 row's coordinates are untrusted; the 2019 row brings good ones.
      expect(row("Winter_2017_Compliance_List", 19)).toMatchObject({ outcome: "created", flags: ["coords_outside_city"] });
      const hengwei = await orgOf("Winter_2017_Compliance_List", 19);
      expect(row("Winter_2019_Compliance_List_V2", 16)).toMatchObject({ outcome: "merged", organizationId: hengwei.id });
      expect(hengwei).toMatchObject({ provinceAdcode: "370000", cityAdcode: "370700", createdVia: "import", lat: expect.any(Number) });
      const v2 = results.get("Winter_2019_Compliance_List_V2.csv")!.jobId;
      expect(hengwei.fieldSources.coordinates).toMatchObject({ source: `import:${v2}`, line: 16 });
      expect(hengwei.fieldSources.name).toMatchObject({ source: `import:${results.get("Winter_2017_Compliance_List.csv")!.jobId}`, line: 19 });
      const [site] = await t.db.select().from(sites).where(eq(sites.organizationId, hengwei.id));
      expect(site).toMatchObject({ lat: hengwei.lat, lng: hengwei.lng });
      expect(await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, hengwei.id), eq(auditLog.action, "organization.mergedByImport")))).toHaveLength(1);

      const yiJun = await orgOf("Fall_2018_Compliance_List", 17);
      expect(row("Winter_2019_Compliance_List", 41)).toMatchObject({ outcome: "merged", organizationId: yiJun.id });
      const aliases = await t.db.select().from(organizationAliases).where(eq(organizationAliases.organizationId, yiJun.id));
      expect(aliases.map((a) => [a.name, a.source])).toEqual([["Zhong Shan City Yi Jun Knitwear Co. Ltd.", `import:${results.get("Winter_2019_Compliance_List.csv")!.jobId}`]]);
    });

    it("queues doubtful pairs with both records and the score's parts, and keeps distinct factories apart", async () => {
      expect(row("Winter_2017_Compliance_List", 2)).toMatchObject({ outcome: "review", organizationId: null });
      const huamei = await orgOf("Summer_2017_Compliance_List", 8);
      const [item] = await t.db.select().from(importReviewItems).where(eq(importReviewItems.importJobId, results.get("Winter_2017_Compliance_List.csv")!.jobId));
      expect(item).toMatchObject({ line: 2, candidateOrgId: huamei.id, status: "pending", ownerOrgId: null });
      expect(item!.score).toBeGreaterThanOrEqual(0.5);
      expect(item!.score).toBeLessThan(0.8);
      expect((item!.candidates as Array<{ rule: string; parts: Array<{ part: string }> }>)[0]).toMatchObject({ rule: "farApart" });
      expect(item!.incoming).toMatchObject({ record: { name: "Fujian Jinjiang Huamei Knitting & Clothing Co Ltd", provinceAdcode: "350000" } });
      // Same 字号 in two Shandong cities; same town, different trade names.
      expect(row("Winter_2019_Compliance_List", 30).organizationId).not.toBe(row("Winter_2019_Compliance_List", 37).organizationId);
      expect(row("Winter_2019_Compliance_List", 21)).toMatchObject({ outcome: "created" });
      expect(row("Winter_2017_Compliance_List", 14).organizationId).not.toBe(row("Winter_2019_Compliance_List", 21).organizationId);
      // A firm outside Shandong keeps its province.
      expect(huamei).toMatchObject({ provinceAdcode: "350000", cityAdcode: null });
    });

    it("flags misplaced coordinates in the stored report and does not keep them", async () => {
      expect(row("Spring_2019_Compliance_List", 7)).toMatchObject({ name: "Hemp Fortex", outcome: "created", flags: ["coords_outside_province"] });
      expect(await orgOf("Spring_2019_Compliance_List", 7)).toMatchObject({ lat: null, lng: null, countyAdcode: "371083" });
      const [job] = await t.db.select().from(importJobs).where(eq(importJobs.id, results.get("Spring_2019_Compliance_List.csv")!.jobId));
      const stored = job!.report as { counts: { flagged: number }; rows: Array<{ line: number; flags: string[]; reason: { code: string } }> };
      expect(stored.counts.flagged).toBe(1);
      expect(stored.rows.find((r) => r.line === 7)).toMatchObject({ flags: ["coords_outside_province"], reason: { code: "imports.osh.reasons.newFirm" } });
    });

    it("creates, merges and queues nothing when every list is imported again", async () => {
      const [orgsBefore] = await t.db.select({ n: count() }).from(organizations);
      const [aliasesBefore] = await t.db.select({ n: count() }).from(organizationAliases);
      for (const f of LISTS) {
        const again = await importOshFile(t.db, { bytes: read(f), fileName: f, account: { kind: "platform" } });
        expect(again.report.created, f).toBe(0);
        expect(again.report.merged, f).toBe(0);
        expect(again.report.review, f).toBe(results.get(f)!.report.review);
      }
      expect((await t.db.select({ n: count() }).from(organizations))[0]).toEqual(orgsBefore);
      expect((await t.db.select({ n: count() }).from(organizationAliases))[0]).toEqual(aliasesBefore);
      const [reviews] = await t.db.select({ n: count() }).from(importReviewItems);
      expect(reviews!.n).toBe(7);
    }, 120_000);
  },
  { fresh: true },
);
