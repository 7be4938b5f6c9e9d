import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember } from "@/test/factories";
import { auditLog, importReviewItems, organizationAliases, organizations, sites } from "../../db/schema";

const DIR = path.resolve(__dirname, "../../../domain/resolution/__fixtures__/opensupplyhub");
const HEADER = "country,name,address,sector,lat,lng";
/** A list of real rows: [file, line] of the fixtures. */
const list = (...rows: Array<[string, number]>) =>
  Buffer.from([HEADER, ...rows.map(([f, line]) => fs.readFileSync(path.join(DIR, `${f}.csv`), "utf8").split(/\r?\n/)[line - 1]!)].join("\n")).toString("base64");

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
};

describeEachDb(
  "onboarding review queue",
  (t) => {
    it("lets a service centre merge a queued pair: the name becomes an alias with its source, and importing again asks nothing", async () => {
      const centre = await createMember(t.db, { type: "service_center" });
      const other = await createMember(t.db, { type: "service_center" });
      const sme = await createMember(t.db);
      const c = await callerFor(t.db, centre.userId);
      // Fujian Jinjiang Huamei: one list geocodes it 150 km from the other.
      const first = await c.onboarding.importOsh({ fileName: "summer.csv", contentBase64: list(["Summer_2017_Compliance_List", 8]) });
      expect(first).toMatchObject({ created: 1, review: 0 });
      const huamei = first.rows[0]!.organizationId!;
      const second = await c.onboarding.importOsh({ fileName: "winter.csv", contentBase64: list(["Winter_2017_Compliance_List", 2]) });
      expect(second).toMatchObject({ created: 0, review: 1, rows: [{ outcome: "review", reason: { code: "imports.osh.reasons.possibleMatch" } }] });

      const queue = await c.onboarding.reviewItems();
      expect(queue.total).toBe(1);
      const item = queue.items[0]!;
      expect(item).toMatchObject({ line: 2, fileName: "winter.csv", incoming: { name: "Fujian Jinjiang Huamei Knitting & Clothing Co Ltd", provinceAdcode: "350000" } });
      expect(item.candidates[0]).toMatchObject({ rule: "farApart", organization: { id: huamei, name: "FUJIAN JINJIANG HUAMEI KNITTING AND CLOTHING CO LTD", owned: false, createdVia: "centre" } });
      expect(item.candidates[0]!.parts.map((p) => p.part)).toEqual(["name", "core", "address", "distance"]);

      // Another centre and an SME neither see nor decide it.
      expect((await (await callerFor(t.db, other.userId)).onboarding.reviewItems()).total).toBe(0);
      expect(await codeOf((await callerFor(t.db, other.userId)).onboarding.decideReview({ itemId: item.id, decision: "merge" }))).toBe("NOT_FOUND");
      expect(await codeOf((await callerFor(t.db, sme.userId)).onboarding.decideReview({ itemId: item.id, decision: "merge" }))).toBe("FORBIDDEN");

      expect(await c.onboarding.decideReview({ itemId: item.id, decision: "merge" })).toEqual({ status: "merged", resultOrgId: huamei });
      expect(await codeOf(c.onboarding.decideReview({ itemId: item.id, decision: "keepApart" }))).toBe("CONFLICT");
      const aliases = await t.db.select().from(organizationAliases).where(eq(organizationAliases.organizationId, huamei));
      expect(aliases.map((a) => [a.name, a.source])).toEqual([["Fujian Jinjiang Huamei Knitting & Clothing Co Ltd", `import:${second.jobId}`]]);
      const [stored] = await t.db.select().from(importReviewItems).where(eq(importReviewItems.id, item.id));
      expect(stored).toMatchObject({ status: "merged", decidedBy: centre.userId, resultOrgId: huamei });
      expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "import.review.merge"), eq(auditLog.entityId, item.id)))).toHaveLength(1);

      const again = await c.onboarding.importOsh({ fileName: "winter.csv", contentBase64: list(["Winter_2017_Compliance_List", 2]) });
      expect(again).toMatchObject({ created: 0, merged: 0, review: 0, unchanged: 1, rows: [{ organizationId: huamei, reason: { code: "imports.osh.reasons.reviewedSame" } }] });
      expect((await c.onboarding.reviewItems()).total).toBe(0);
      expect(await c.onboarding.reviewCount()).toBe(0);
    });

    it("keeps a pair apart by creating the organisation the row describes, attributed to the centre", async () => {
      const centre = await createMember(t.db, { type: "service_center" });
      const c = await callerFor(t.db, centre.userId);
      // ZhongShan Easy On and its Second Branch, in one list.
      const file = list(["Summer_2019_Affiliate_List", 76], ["Summer_2019_Affiliate_List", 77]);
      const first = await c.onboarding.importOsh({ fileName: "easy-on.csv", contentBase64: file });
      expect(first).toMatchObject({ created: 1, review: 1 });
      expect(await c.onboarding.reviewCount()).toBe(1);
      const [item] = (await c.onboarding.reviewItems()).items;
      const decided = await c.onboarding.decideReview({ itemId: item!.id, decision: "keepApart" });
      expect(decided.status).toBe("kept_apart");
      const [branch] = await t.db.select().from(organizations).where(eq(organizations.id, decided.resultOrgId));
      expect(branch).toMatchObject({ nameZh: "ZhongShan Easy On Garment Manufactory Co. Ltd. Second Branch", provinceAdcode: "440000", createdVia: "centre", createdByOrgId: centre.organizationId });
      expect(branch!.fieldSources.name).toMatchObject({ source: `import:${first.jobId}`, line: 3 });
      expect(await t.db.select().from(sites).where(eq(sites.organizationId, branch!.id))).toHaveLength(1);
      const again = await c.onboarding.importOsh({ fileName: "easy-on.csv", contentBase64: file });
      expect(again).toMatchObject({ created: 0, merged: 0, review: 0, unchanged: 2 });
      expect(again.rows[1]!.organizationId).toBe(branch!.id);
    });
  },
  { fresh: true },
);
