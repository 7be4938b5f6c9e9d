import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { ZodError } from "zod";
import enDeals from "@/i18n/messages/en/deals.json";
import enValidation from "@/i18n/messages/en/validation.json";
import zhDeals from "@/i18n/messages/zh-CN/deals.json";
import zhValidation from "@/i18n/messages/zh-CN/validation.json";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues as demand, listingValues as listing, quoteValues as q, uniq } from "@/test/factories";
import { appRouter } from "../../api/root";
import { createContext } from "../../api/trpc";
import { auditLog, files, inquiries, notifications } from "../../db/schema";
import type { Db } from "../../db/types";

/** A message key exists in both locales (so the browser shows it translated). */
function expectTranslated(key: string) {
  const [ns, ...rest] = key.split(".");
  const bundles = ns === "deals" ? [zhDeals, enDeals] : ns === "validation" ? [zhValidation, enValidation] : [];
  expect(bundles.length, key).toBe(2);
  for (const b of bundles) expect(rest.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], b), key).toEqual(expect.any(String));
}

/** The error a call fails with, its key translated in both locales. */
async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  const err = e as TRPCError;
  if (err.cause instanceof ZodError) for (const i of err.cause.issues) expectTranslated(i.message);
  else expectTranslated(err.message);
  return { code: err.code, key: err.message, params: (err.cause as { params?: unknown } | undefined)?.params, field: (err.cause as { field?: string } | undefined)?.field, issues: err.cause instanceof ZodError ? err.cause.issues.map((i) => ({ path: i.path.join("."), key: i.message })) : [] };
}

const kindsFor = async (db: Db, userId: string) => (await db.select({ kind: notifications.kind, link: notifications.link, params: notifications.params }).from(notifications).where(eq(notifications.userId, userId)));

describeEachDb("inquiries: invitations, responses, quotes", (t) => {
  const p = uniq("IQ");

  async function market() {
    const buyer = await createMember(t.db, { type: "anchor" });
    const s1 = await createMember(t.db);
    const s2 = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const c1 = await callerFor(t.db, s1.userId);
    const c2 = await callerFor(t.db, s2.userId);
    const l1 = await c1.listing.create({ values: listing(`${p} 一号精梳`), publish: true });
    const l1b = await c1.listing.create({ values: listing(`${p} 一号精梳二`), publish: true });
    const l2 = await c2.listing.create({ values: listing(`${p} 二号精梳`), publish: true });
    const draft = await c2.listing.create({ values: listing(`${p} 草稿`) });
    const own = await bc.listing.create({ values: listing(`${p} 买方自有`), publish: true });
    return { buyer, s1, s2, bc, c1, c2, l1, l1b, l2, draft, own };
  }

  it("invites one or many suppliers once each, refusing own, unpublished, closed and late", async () => {
    const m = await market();
    const d = await m.bc.demand.create(demand(`${p} 求购 20 吨`));
    expect(await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1.id], note: "请报价" })).toMatchObject({ invited: 1, already: 0 });
    // s1 again through its other listing, s2 new: one inquiry per organisation.
    const many = await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1b.id, m.l2.id, m.l1.id] });
    expect(many).toMatchObject({ invited: 1, already: 1 });
    expect(new Set(many.inquiryIds).size).toBe(2);
    const rows = await t.db.select().from(inquiries).where(eq(inquiries.demandId, d.id));
    expect(rows.map((r) => [r.supplierOrgId, r.listingId, r.status, r.source]).sort()).toEqual(
      [
        [m.s1.organizationId, m.l1.id, "invited", "invited"],
        [m.s2.organizationId, m.l2.id, "invited", "invited"],
      ].sort(),
    );
    expect(rows.find((r) => r.supplierOrgId === m.s1.organizationId)!.note).toBe("请报价");
    const invitedKinds = await kindsFor(t.db, m.s1.userId);
    expect(invitedKinds).toEqual([{ kind: "inquiryInvited", link: `/inquiries/${rows.find((r) => r.supplierOrgId === m.s1.organizationId)!.id}`, params: expect.objectContaining({ demand: `${p} 求购 20 吨` }) }]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "inquiry.invite"), eq(auditLog.organizationId, m.buyer.organizationId)));
    expect(audits).toHaveLength(2);

    expect(await failure(m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.own.id] }))).toMatchObject({ code: "BAD_REQUEST", key: "deals.errors.ownListing", field: "listingIds" });
    expect(await failure(m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.draft.id] }))).toMatchObject({ code: "BAD_REQUEST", key: "deals.errors.listingNotPublished" });
    expect(await failure(m.bc.inquiry.invite({ demandId: d.id, listingIds: [] }))).toMatchObject({ code: "BAD_REQUEST", issues: [{ path: "listingIds", key: "validation.required" }] });
    // Someone else's demand does not exist for the caller.
    expect(await failure(m.c1.inquiry.invite({ demandId: d.id, listingIds: [m.l2.id] }))).toMatchObject({ code: "NOT_FOUND", key: "deals.errors.notFound" });

    const late = await callerFor(t.db, m.buyer.userId, { now: new Date("2100-01-01T00:00:00Z") });
    expect(await failure(late.inquiry.invite({ demandId: d.id, listingIds: [m.l2.id] }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.deadlinePassed", params: { deadline: "2099-12-31 23:59" } });
    await m.bc.demand.close({ id: d.id });
    expect(await failure(m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l2.id] }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.demandClosed" });
    // Closing the demand ended both open inquiries and told each supplier once.
    const after = await t.db.select().from(inquiries).where(eq(inquiries.demandId, d.id));
    expect(after.map((r) => r.status)).toEqual(["lost", "lost"]);
    for (const s of [m.s1, m.s2]) {
      const told = (await kindsFor(t.db, s.userId)).filter((k) => k.kind === "demandClosed");
      expect(told).toEqual([{ kind: "demandClosed", link: `/inquiries/${after.find((r) => r.supplierOrgId === s.organizationId)!.id}`, params: { demand: `${p} 求购 20 吨` } }]);
    }
  });

  it("lets a supplier respond to a public demand, and opens an invited demand to invited suppliers only", async () => {
    const m = await market();
    const pub = await m.bc.demand.create(demand(`${p} 公开求购`));
    const r = await m.c2.inquiry.respond({ demandId: pub.id, listingId: m.l2.id, quote: q() });
    expect(r.revision).toBe(1);
    const [row] = await t.db.select().from(inquiries).where(eq(inquiries.id, r.inquiryId));
    expect(row).toMatchObject({ source: "responded", status: "quoted", buyerOrgId: m.buyer.organizationId, supplierOrgId: m.s2.organizationId, listingId: m.l2.id });
    expect((await kindsFor(t.db, m.buyer.userId)).map((n) => n.kind)).toEqual(["quoteReceived"]);
    // Responding again revises the same inquiry.
    const again = await m.c2.inquiry.respond({ demandId: pub.id, quote: q({ unitPrice: 12 }) });
    expect(again).toMatchObject({ inquiryId: r.inquiryId, revision: 2 });
    expect(await failure(m.bc.inquiry.respond({ demandId: pub.id, quote: q() }))).toMatchObject({ code: "BAD_REQUEST", key: "deals.errors.ownDemand" });
    expect(await failure(m.c1.inquiry.respond({ demandId: pub.id, listingId: m.l2.id, quote: q() }))).toMatchObject({ key: "deals.errors.listingNotPublished", field: "listingId" });

    const inv = await m.bc.demand.create(demand(`${p} 邀请求购`, { visibility: "invited" }));
    await m.bc.inquiry.invite({ demandId: inv.id, listingIds: [m.l1.id] });
    // The invited supplier sees the demand (with its inquiry) and quotes; others do not see it.
    const seen = await m.c1.demand.byId({ id: inv.id });
    expect(seen.viewer.inquiry).toMatchObject({ status: "invited" });
    expect((await m.c1.inquiry.respond({ demandId: inv.id, quote: q() })).revision).toBe(1);
    await expect(m.c2.demand.byId({ id: inv.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(m.c2.inquiry.respond({ demandId: inv.id, quote: q() }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await m.c2.demand.byId({ id: pub.id })).viewer.inquiry).toMatchObject({ id: r.inquiryId, status: "quoted" });
  });

  it("keeps the whole history of quotes, revisions and counter-offers", async () => {
    const m = await market();
    const d = await m.bc.demand.create(demand(`${p} 议价`));
    const [inquiryId, other] = (await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1.id, m.l2.id] })).inquiryIds as [string, string];
    expect(await failure(m.bc.inquiry.counter({ inquiryId: other, quote: q() }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.notQuotedYet" });
    const r1 = await m.c1.inquiry.quote({ inquiryId, quote: q({ notes: "首次报价" }) });
    const r2 = await m.bc.inquiry.counter({ inquiryId, quote: q({ unitPrice: 11 }) });
    expect((await m.bc.inquiry.get({ inquiryId })).inquiry.status).toBe("countered");
    expect((await kindsFor(t.db, m.s1.userId)).map((n) => n.kind).sort()).toEqual(["inquiryInvited", "quoteCountered"]);
    const r3 = await m.bc.inquiry.counter({ inquiryId, quote: q({ unitPrice: 11.5 }) });
    let view = await m.bc.inquiry.get({ inquiryId });
    // A counter replaces the buyer's previous counter; the supplier's quote stays awardable.
    expect(view.quotes.map((x) => [x.revision, x.author, x.status])).toEqual([
      [1, "supplier", "active"],
      [2, "buyer", "superseded"],
      [3, "buyer", "active"],
    ]);
    expect(view.activeQuoteId).toBe(r1.quoteId);
    expect(view.can).toMatchObject({ award: true, counter: true, quote: false });
    const r4 = await m.c1.inquiry.quote({ inquiryId, quote: q({ unitPrice: 11.8, paymentTerms: "acceptance", paymentDays: 90 }) });
    expect([r1.revision, r2.revision, r3.revision, r4.revision]).toEqual([1, 2, 3, 4]);
    view = await m.c1.inquiry.get({ inquiryId });
    expect(view.side).toBe("supplier");
    expect(view.inquiry.status).toBe("quoted");
    expect(view.quotes.map((x) => [x.revision, x.status, x.unitPriceFen])).toEqual([
      [1, "superseded", 1250],
      [2, "superseded", 1100],
      [3, "superseded", 1150],
      [4, "active", 1180],
    ]);
    expect(view.quotes[0]!.notes).toBe("首次报价");
    // An anchor buying from an SME on a 90-day bill: the 60-day warning.
    expect(view.paymentTermsWarning).toBe(true);
    expect(view.can).toMatchObject({ quote: true, withdraw: true, decline: true, award: false });
    expect((await kindsFor(t.db, m.buyer.userId)).filter((n) => n.kind === "quoteReceived")).toHaveLength(2);

    // Wrong side.
    expect(await failure(m.c1.inquiry.counter({ inquiryId, quote: q() }))).toMatchObject({ code: "FORBIDDEN", key: "deals.errors.notYourTurn" });
    expect(await failure(m.bc.inquiry.quote({ inquiryId, quote: q() }))).toMatchObject({ code: "FORBIDDEN", key: "deals.errors.notYourTurn" });
    // After the deadline neither side may quote.
    const late = { now: new Date("2100-01-01T00:00:00Z") };
    expect(await failure((await callerFor(t.db, m.s1.userId, late)).inquiry.quote({ inquiryId, quote: q() }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.deadlinePassed" });
    expect(await failure((await callerFor(t.db, m.buyer.userId, late)).inquiry.counter({ inquiryId, quote: q() }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.deadlinePassed" });
    // Withdrawing needs the active quote; then the inquiry has ended.
    expect(await failure(m.c1.inquiry.withdraw({ inquiryId, quoteId: r1.quoteId }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.quoteNotActive" });
    expect(await m.c1.inquiry.withdraw({ inquiryId, quoteId: r4.quoteId })).toMatchObject({ status: "withdrawn" });
    view = await m.bc.inquiry.get({ inquiryId });
    expect(view.inquiry.status).toBe("withdrawn");
    expect(view.quotes.at(-1)!.status).toBe("withdrawn");
    expect(view.activeQuoteId).toBeNull();
    expect(await failure(m.c1.inquiry.quote({ inquiryId, quote: q() }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.inquiryClosed" });
    expect((await kindsFor(t.db, m.buyer.userId)).map((n) => n.kind)).toContain("inquiryDeclined");

    // The other supplier declines its invitation with a reason.
    await m.c2.inquiry.decline({ inquiryId: other, reason: "产能已满" });
    const [declined] = await t.db.select().from(inquiries).where(eq(inquiries.id, other));
    expect(declined).toMatchObject({ status: "declined", declineReason: "产能已满" });
    expect(await failure(m.c2.inquiry.decline({ inquiryId: other }))).toMatchObject({ code: "CONFLICT", key: "deals.errors.inquiryClosed" });
    const audit = await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, inquiryId));
    expect(audit.map((a) => a.action).sort()).toEqual(["inquiry.counter", "inquiry.counter", "inquiry.invite", "inquiry.quote", "inquiry.quote", "inquiry.withdraw"]);
  });

  it("refuses invalid quotes with translated keys next to the fields", async () => {
    const m = await market();
    const d = await m.bc.demand.create(demand(`${p} 校验`));
    const [inquiryId] = (await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1.id] })).inquiryIds as [string];
    const bad = await failure(m.c1.inquiry.quote({ inquiryId, quote: q({ unitPrice: -1, priceUnit: "箱子", sampleCost: 1.234 }) }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.issues).toEqual(
      expect.arrayContaining([
        { path: "quote.unitPrice", key: "validation.nonNegative" },
        { path: "quote.priceUnit", key: "validation.quantityUnit" },
        { path: "quote.sampleCost", key: "validation.moneyDecimals" },
      ]),
    );
    expect((await failure(m.c1.inquiry.quote({ inquiryId, quote: q({ paymentDays: undefined }) }))).issues).toEqual([{ path: "quote.paymentDays", key: "validation.paymentDays" }]);
    expect(await failure(m.c1.inquiry.quote({ inquiryId, quote: q({ validUntil: "2000-01-01" }) }))).toMatchObject({ code: "BAD_REQUEST", key: "deals.errors.validUntilPassed", field: "quote.validUntil" });
    expect(await failure(m.c1.inquiry.quote({ inquiryId, quote: q({ priceUnit: "公斤", quantityUnit: "米" }) }))).toMatchObject({ code: "BAD_REQUEST", key: "deals.errors.unitMismatch", field: "quote.priceUnit" });
    // Attachments must be the supplier's own attachment files.
    const [foreign] = await t.db
      .insert(files)
      .values({ ownerUserId: m.buyer.userId, organizationId: m.buyer.organizationId, purpose: "attachment", mime: "application/pdf", size: 10, sha256: "x", storageKey: `x/${uniq()}.pdf` })
      .returning();
    expect(await failure(m.c1.inquiry.quote({ inquiryId, quote: q({ attachmentFileIds: [foreign!.id] }) }))).toMatchObject({ key: "deals.errors.attachmentNotFound", field: "quote.attachmentFileIds" });
    // Nothing was written by the refused attempts.
    expect((await m.bc.inquiry.get({ inquiryId })).quotes).toEqual([]);
    // Units that convert are fine: ¥0.5 per 米 for 2 万米.
    expect((await m.c1.inquiry.quote({ inquiryId, quote: q({ unitPrice: 0.5, priceUnit: "米", quantityValue: 2, quantityUnit: "万米" }) })).revision).toBe(1);

    // Over HTTP the same refusal carries the key and the field for the form.
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://localhost/api/trpc/inquiry.quote", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { inquiryId, quote: q({ validUntil: "2000-01-01" }) } }) }),
      router: appRouter,
      createContext: () => createContext({ db: t.db, userId: m.s1.userId, baseUrl: "http://localhost" }),
    });
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(res.status).toBe(400);
    expect(body.error.json.data).toMatchObject({ code: "BAD_REQUEST", messageKey: "deals.errors.validUntilPassed", field: "quote.validUntil" });
  });

  it("lists each side's inquiries with the latest quote and the counterpart", async () => {
    const m = await market();
    const d = await m.bc.demand.create(demand(`${p} 列表`));
    const [i1, i2] = (await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1.id, m.l2.id] })).inquiryIds as [string, string];
    await m.c1.inquiry.quote({ inquiryId: i1, quote: q() });
    await m.bc.inquiry.counter({ inquiryId: i1, quote: q({ unitPrice: 10 }) });
    const bought = await m.bc.inquiry.listMine({ side: "buyer" });
    expect(bought.map((r) => r.id).sort()).toEqual([i1, i2].sort());
    const row = bought.find((r) => r.id === i1)!;
    expect(row).toMatchObject({ status: "countered", counterpart: { id: m.s1.organizationId }, latestQuote: { revision: 2, author: "buyer", unitPriceFen: 1000 }, unread: 0, dealId: null, demand: { id: d.id, status: "open" } });
    expect(bought.find((r) => r.id === i2)!.latestQuote).toBeNull();
    expect((await m.bc.inquiry.listMine({ side: "buyer", status: "invited" })).map((r) => r.id)).toEqual([i2]);
    expect(await m.bc.inquiry.listMine({ side: "supplier" })).toEqual([]);
    const sold = await m.c1.inquiry.listMine({ side: "supplier" });
    expect(sold.map((r) => [r.id, r.counterpart.id])).toEqual([[i1, m.buyer.organizationId]]);
    // One demand's inquiry of the organisation.
    const other = await m.bc.demand.create(demand(`${p} 另一个`));
    await m.bc.inquiry.invite({ demandId: other.id, listingIds: [m.l1.id] });
    expect((await m.c1.inquiry.listMine({ side: "supplier", demandId: d.id })).map((r) => r.id)).toEqual([i1]);
    expect((await m.c1.inquiry.listMine({ side: "supplier", demandId: other.id })).map((r) => r.demand.id)).toEqual([other.id]);
  });

  it("hides inquiries from a service centre that did not introduce them", async () => {
    const m = await market();
    const centre = await createMember(t.db, { type: "service_center" });
    const cc = await callerFor(t.db, centre.userId);
    const d = await m.bc.demand.create(demand(`${p} 服务中心`));
    const [inquiryId] = (await m.bc.inquiry.invite({ demandId: d.id, listingIds: [m.l1.id] })).inquiryIds as [string];
    const { quoteId } = await m.c1.inquiry.quote({ inquiryId, quote: q() });
    for (const attempt of [
      () => cc.inquiry.get({ inquiryId }),
      () => cc.inquiry.messages({ inquiryId }),
      () => cc.inquiry.forDemand({ demandId: d.id }),
      () => cc.inquiry.award({ inquiryId, quoteId }),
      () => cc.inquiry.sendMessage({ inquiryId, body: "你好", attachmentFileIds: [] }),
    ])
      expect(await failure(attempt())).toMatchObject({ code: "NOT_FOUND", key: "deals.errors.notFound" });
    expect(await cc.inquiry.listMine({ side: "buyer" })).toEqual([]);
  });
});
