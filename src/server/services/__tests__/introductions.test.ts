import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { expect, it } from "vitest";
import enIntro from "@/i18n/messages/en/introductions.json";
import zhIntro from "@/i18n/messages/zh-CN/introductions.json";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues as demand, listingValues as listing, quoteValues as q, uniq } from "@/test/factories";
import { auditLog, deals, inquiries, notifications } from "../../db/schema";

/** The call fails with this code and an `introductions.errors.*` key present in both locales. */
async function refused(p: Promise<unknown>, code: string, key: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  expect((e as TRPCError).code).toBe(code);
  expect((e as TRPCError).message).toBe(`introductions.errors.${key}`);
  for (const bundle of [zhIntro, enIntro]) expect(bundle.errors[key as keyof typeof bundle.errors]).toEqual(expect.any(String));
}

describeEachDb("introductions (引荐) by service centres", (t) => {
  const p = uniq("IN");

  async function market() {
    const centre = await createMember(t.db, { type: "service_center" });
    const buyer = await createMember(t.db, { type: "anchor" });
    const supplier = await createMember(t.db);
    const [cc, bc, sc] = await Promise.all([callerFor(t.db, centre.userId), callerFor(t.db, buyer.userId), callerFor(t.db, supplier.userId)]);
    const l = await sc.listing.create({ values: listing(`${p} 精梳`), publish: true });
    const d = await bc.demand.create(demand(`${p} 求购`));
    return { centre, buyer, supplier, cc, bc, sc, l, d };
  }

  it("creates an introduced inquiry, notifies both firms and follows it to the deal", async () => {
    const m = await market();
    const { inquiryId } = await m.cc.introduction.create({ demandId: m.d.id, supplierOrgId: m.supplier.organizationId, listingId: m.l.id, note: "本地老牌纺纱厂" });
    const [row] = await t.db.select().from(inquiries).where(eq(inquiries.id, inquiryId));
    expect(row).toMatchObject({ source: "introduced", status: "invited", introducedByOrgId: m.centre.organizationId, buyerOrgId: m.buyer.organizationId, supplierOrgId: m.supplier.organizationId, listingId: m.l.id, note: "本地老牌纺纱厂" });
    for (const [u, link] of [
      [m.supplier.userId, `/inquiries/${inquiryId}`],
      [m.buyer.userId, `/demands/${m.d.id}`],
    ] as const)
      // Both firms read the centre's note in the notification.
      expect(await t.db.select({ link: notifications.link, note: sql`${notifications.params}->>'note'` }).from(notifications).where(and(eq(notifications.userId, u), eq(notifications.kind, "introduced")))).toEqual([{ link, note: "本地老牌纺纱厂" }]);
    expect(await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, inquiryId))).toEqual([{ action: "introduction.create" }]);

    let [mine] = await m.cc.introduction.listMine();
    expect(mine).toMatchObject({ id: inquiryId, status: "invited", demand: { id: m.d.id }, buyer: { id: m.buyer.organizationId }, supplier: { id: m.supplier.organizationId }, deal: null });

    // The supplier quotes on the introduced inquiry, the buyer awards: the deal carries the centre.
    const { quoteId } = await m.sc.inquiry.quote({ inquiryId, quote: q() });
    const { dealId } = await m.bc.inquiry.award({ inquiryId, quoteId });
    const [deal] = await t.db.select({ introducedByOrgId: deals.introducedByOrgId, amountFen: deals.amountFen }).from(deals).where(eq(deals.id, dealId));
    expect(deal).toEqual({ introducedByOrgId: m.centre.organizationId, amountFen: 1_250_000 });
    [mine] = await m.cc.introduction.listMine();
    expect(mine).toMatchObject({ status: "awarded", deal: { id: dealId, status: "active", amountFen: 1_250_000 } });
    expect((await m.cc.deal.get({ dealId })).deal.id).toBe(dealId);
  });

  it("refuses non-centres, closed demands, the buyer as supplier and a pair already in contact", async () => {
    const m = await market();
    const input = { demandId: m.d.id, supplierOrgId: m.supplier.organizationId, note: "推荐" };
    await refused(m.sc.introduction.create(input), "FORBIDDEN", "notServiceCentre");
    await refused(m.sc.introduction.listMine(), "FORBIDDEN", "notServiceCentre");
    await refused(m.cc.introduction.create({ ...input, supplierOrgId: m.buyer.organizationId }), "BAD_REQUEST", "supplierIsBuyer");
    await refused(m.cc.introduction.create({ ...input, supplierOrgId: m.centre.organizationId, listingId: m.l.id }), "BAD_REQUEST", "listingNotPublished");
    await m.sc.inquiry.respond({ demandId: m.d.id, quote: q() });
    await refused(m.cc.introduction.create(input), "CONFLICT", "alreadyInquired");
    const invited = await m.bc.demand.create(demand(`${p} 定向`, { visibility: "invited" }));
    await refused(m.cc.introduction.create({ ...input, demandId: invited.id }), "NOT_FOUND", "demandNotFound");
    const closed = await m.bc.demand.create(demand(`${p} 已关闭`));
    await m.bc.demand.close({ id: closed.id });
    await expect(m.cc.introduction.create({ ...input, demandId: closed.id })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.demandClosed" });
    expect(await t.db.select().from(inquiries).where(eq(inquiries.introducedByOrgId, m.centre.organizationId))).toEqual([]);
    expect(await m.cc.introduction.listMine()).toEqual([]);
  });
});
