import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { randomValidUscc } from "@/domain/uscc";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, orgProfile } from "@/test/factories";
import type { Db } from "../../db/types";
import { files, memberships, notifications, organizationAliases, organizations, users } from "../../db/schema";
import { importListingsFile } from "../imports";
import { importOshFile } from "../onboarding-import";

const HEADER = "country,name,address,sector,lat,lng";
const osh = (...lines: string[]) => new TextEncoder().encode([HEADER, ...lines].join("\n"));
// The real row (Spring_2019_Compliance_List.csv:7): a Rushan factory geocoded to Qinghai.
const HEMP = 'China,Hemp Fortex,"No 808, Shujing Village, Chendong industrial zone Dagushan Town Rushan City, Shandong Province",Apparel,36.599744,101.803717';
const HEMP_LATER = 'CN,"HEMP FORTEX CO., LTD","No. 808 Shujing Village, Dagushan Town, Rushan, Weihai, 264500, Shandong",Apparel,36.9219,121.5367';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
};

async function licence(db: Db, userId: string) {
  const [f] = await db.insert(files).values({ ownerUserId: userId, purpose: "business_license", mime: "image/png", size: 1, sha256: "x", storageKey: "x" }).returning();
  return f!.id;
}

describeEachDb(
  "claiming an imported organisation",
  (t) => {
    it("a firm claims the profile an import created; after an admin approves, its fields win over later imports", async () => {
      const imported = await importOshFile(t.db, { bytes: osh(HEMP), fileName: "list.csv", account: { kind: "platform" } });
      const hemp = imported.rows[0]!.organizationId!;
      const claimant = await createMember(t.db);
      const rival = await createMember(t.db);
      const admin = await createMember(t.db);
      await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
      const c = await callerFor(t.db, claimant.userId);
      const a = await callerFor(t.db, admin.userId);

      expect(await (await callerFor(t.db, null)).onboarding.claimStatus({ organizationId: hemp })).toEqual({ claimable: true, signedIn: false, mine: null });
      expect(await c.onboarding.claimStatus({ organizationId: hemp })).toMatchObject({ claimable: true, signedIn: true, mine: null });
      const uscc = randomValidUscc();
      expect(await codeOf(c.onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, claimant.userId), uscc: "91370000XXXX" }))).toBe("BAD_REQUEST");
      // Someone else's licence file is not found.
      expect(await codeOf(c.onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, rival.userId), uscc }))).toBe("NOT_FOUND");
      const first = await c.onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, claimant.userId), uscc });
      expect(first.status).toBe("pending");
      // One open claim per organisation; admins only decide.
      expect(await codeOf((await callerFor(t.db, rival.userId)).onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, rival.userId), uscc: randomValidUscc() }))).toBe("CONFLICT");
      expect(await codeOf(c.onboarding.decideClaim({ claimId: first.id, decision: "approved" }))).toBe("FORBIDDEN");

      expect((await a.onboarding.pendingClaims()).map((x) => [x.id, x.organization.id, x.uscc])).toContainEqual([first.id, hemp, uscc]);
      expect(await codeOf(a.onboarding.decideClaim({ claimId: first.id, decision: "rejected" }))).toBe("BAD_REQUEST");
      expect(await a.onboarding.decideClaim({ claimId: first.id, decision: "rejected", note: "执照模糊，请重新上传" })).toEqual({ status: "rejected" });
      expect(await c.onboarding.claimStatus({ organizationId: hemp })).toMatchObject({ claimable: true, mine: { status: "rejected", note: "执照模糊，请重新上传" } });
      const rejected = await t.db.select().from(notifications).where(and(eq(notifications.userId, claimant.userId), eq(notifications.kind, "claimRejected")));
      expect(rejected.map((n) => n.params)).toEqual([{ organization: "Hemp Fortex", note: "执照模糊，请重新上传" }]);

      const second = await c.onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, claimant.userId), uscc });
      expect(await a.onboarding.decideClaim({ claimId: second.id, decision: "approved" })).toEqual({ status: "approved" });
      expect(await codeOf(a.onboarding.decideClaim({ claimId: second.id, decision: "approved" }))).toBe("CONFLICT");
      const [owner] = await t.db.select().from(memberships).where(and(eq(memberships.organizationId, hemp), eq(memberships.userId, claimant.userId)));
      expect(owner?.role).toBe("owner");
      const [org] = await t.db.select().from(organizations).where(eq(organizations.id, hemp));
      expect(org).toMatchObject({ uscc, verificationState: "verified", claimedAt: expect.any(Date), lat: null });
      expect(Object.values(org!.fieldSources).every((s) => s.source === "owner")).toBe(true);
      expect(await c.onboarding.claimStatus({ organizationId: hemp })).toMatchObject({ claimable: false, mine: { status: "approved" } });
      const approved = await t.db.select().from(notifications).where(and(eq(notifications.userId, claimant.userId), eq(notifications.kind, "claimApproved")));
      expect(approved).toHaveLength(1);
      expect(await codeOf((await callerFor(t.db, rival.userId)).onboarding.submitClaim({ organizationId: hemp, fileId: await licence(t.db, rival.userId), uscc: randomValidUscc() }))).toBe("CONFLICT");

      // From now on the owner's fields win: a list with good coordinates and another spelling adds only the alias,
      // even to a field the owner left empty (no pin until the owner sets one).
      const later = await importOshFile(t.db, { bytes: osh(HEMP_LATER), fileName: "later.csv", account: { kind: "platform" } });
      expect(later.rows[0]).toMatchObject({ outcome: "merged", organizationId: hemp });
      expect((await t.db.select().from(organizations).where(eq(organizations.id, hemp)))[0]).toMatchObject({ lat: null, lng: null, address: org!.address });

      // The owner renames the firm and sets its address; the same list again changes nothing.
      await c.account.switchOrganization({ organizationId: hemp });
      await (await callerFor(t.db, claimant.userId)).organization.update(orgProfile({ nameZh: "乳山汉麻纺织有限公司", uscc, cityAdcode: "371000", countyAdcode: "371083", address: "乳山市大孤山镇书京村 808 号" }));
      const again = await importOshFile(t.db, { bytes: osh(HEMP, HEMP_LATER), fileName: "both.csv", account: { kind: "platform" } });
      expect(again.rows.map((r) => [r.outcome, r.organizationId])).toEqual([
        ["unchanged", hemp],
        ["unchanged", hemp],
      ]);
      const [after] = await t.db.select().from(organizations).where(eq(organizations.id, hemp));
      expect(after).toMatchObject({ nameZh: "乳山汉麻纺织有限公司", address: "乳山市大孤山镇书京村 808 号" });
      expect(after!.fieldSources.address?.source).toBe("owner");
      // The imported name stayed an alias when the owner renamed the firm: that is how the list still found it.
      const aliases = await t.db.select({ name: organizationAliases.name, source: organizationAliases.source }).from(organizationAliases).where(eq(organizationAliases.organizationId, hemp));
      expect(aliases).toEqual([
        { name: "HEMP FORTEX CO., LTD", source: `import:${later.jobId}` },
        { name: "Hemp Fortex", source: "owner" },
      ]);
    });

    it("a claimed firm's profile is not changed by a Listings import, and the centre that onboarded it stops importing for it", async () => {
      const centre = await createMember(t.db, { type: "service_center" });
      const uscc = randomValidUscc();
      const listings = (name: string) =>
        Buffer.from(`ref,company_name,company_uscc,city_adcode,chain_link,processes,title,capacity_value,capacity_unit\nCLAIM-1,${name},${uscc},370200,spinning,ring_combed,精梳纱,10,吨/月\n`).toString("base64");
      const cc = await callerFor(t.db, centre.userId);
      expect(await cc.imports.run({ contentBase64: listings("即墨认领测试纺纱有限公司") })).toMatchObject({ created: 1, rejected: 0 });
      const [firm] = await t.db.select().from(organizations).where(eq(organizations.uscc, uscc));
      expect(firm).toMatchObject({ createdVia: "centre", createdByOrgId: centre.organizationId });
      expect(await cc.imports.run({ contentBase64: listings("即墨认领测试纺纱股份有限公司") })).toMatchObject({ updated: 0, rejected: 0 });
      expect((await t.db.select().from(organizations).where(eq(organizations.id, firm!.id)))[0]!.nameZh).toBe("即墨认领测试纺纱股份有限公司");

      const owner = await createMember(t.db);
      const admin = await createMember(t.db);
      await t.db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, admin.userId));
      const claim = await (await callerFor(t.db, owner.userId)).onboarding.submitClaim({ organizationId: firm!.id, fileId: await licence(t.db, owner.userId), uscc });
      await (await callerFor(t.db, admin.userId)).onboarding.decideClaim({ claimId: claim.id, decision: "approved" });

      const refused = await cc.imports.run({ contentBase64: listings("即墨认领测试纺纱集团有限公司") });
      expect(refused.errors.map((e) => e.code)).toEqual(["imports.reasons.foreignOrganization"]);
      await importListingsFile(t.db, { bytes: new Uint8Array(Buffer.from(listings("平台改名纺纱有限公司"), "base64")), account: { kind: "platform" } });
      expect((await t.db.select().from(organizations).where(eq(organizations.id, firm!.id)))[0]!.nameZh).toBe("即墨认领测试纺纱股份有限公司");
    });
  },
  { fresh: true },
);
