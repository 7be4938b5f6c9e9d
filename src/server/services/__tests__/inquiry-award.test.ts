import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { chinaToday } from "@/domain/certificates";
import { planStages } from "@/domain/deals/stages";
import { describeEachDb } from "@/test/db";
import { callerFor, createMember, demandValues as demand, listingValues as listing, quoteValues as q, uniq } from "@/test/factories";
import { openDatabase, type DatabaseHandle } from "../../db/open";
import { auditLog, dealEvents, dealStages, deals, demands, inquiries, notifications, quotes } from "../../db/schema";
import type { Db } from "../../db/types";

describeEachDb("inquiries: the award", (t) => {
  const p = uniq("AW");
  // On PostgreSQL the racing calls go through a second pool (separate connections); PGlite has one.
  let second: DatabaseHandle | undefined;
  beforeAll(async () => {
    const url = inject("pgUrl");
    if (t.kind === "postgres" && url) second = await openDatabase({ url });
  });
  afterAll(async () => second?.close());
  const otherDb = (): Db => second?.db ?? t.db;

  /** A demand with two suppliers who quoted and one only invited. */
  async function quoted(opts: { samplesWanted?: boolean; s1Quote?: Record<string, unknown> } = {}) {
    const buyer = await createMember(t.db, { type: "anchor" });
    const s1 = await createMember(t.db);
    const s2 = await createMember(t.db, { type: "anchor" });
    const s3 = await createMember(t.db);
    const bc = await callerFor(t.db, buyer.userId);
    const [c1, c2, c3] = await Promise.all([s1, s2, s3].map((s) => callerFor(t.db, s.userId)));
    const ls = [];
    for (const c of [c1!, c2!, c3!]) ls.push((await c.listing.create({ values: listing(`${p} 精梳纱`), publish: true })).id);
    const d = await bc.demand.create(demand(`${p} 定标 ${uniq("")}`, { samplesWanted: opts.samplesWanted ?? false }));
    const [i1, i2, i3] = (await bc.inquiry.invite({ demandId: d.id, listingIds: ls })).inquiryIds as [string, string, string];
    const q1 = (await c1!.inquiry.quote({ inquiryId: i1, quote: q(opts.s1Quote) })).quoteId;
    const q2 = (await c2!.inquiry.quote({ inquiryId: i2, quote: q({ unitPrice: 13 }) })).quoteId;
    return { buyer, s1, s2, s3, bc, c1: c1!, c2: c2!, c3: c3!, demandId: d.id, i1, i2, i3, q1, q2 };
  }

  const kinds = async (userId: string) => (await t.db.select({ kind: notifications.kind, link: notifications.link }).from(notifications).where(eq(notifications.userId, userId))).map((n) => n.kind).sort();

  it("creates the deal and its stages, tells the others politely and closes the demand", async () => {
    const m = await quoted({ samplesWanted: true, s1Quote: { paymentTerms: "acceptance", paymentDays: 90, leadTimeDays: 40 } });
    // A counter on the second inquiry: its supplier quote stays what the buyer could award.
    await m.bc.inquiry.counter({ inquiryId: m.i2, quote: q({ unitPrice: 12.8 }) });
    expect(await m.bc.inquiry.award({ inquiryId: m.i3, quoteId: m.q1 }).catch((e: TRPCError) => e.message)).toBe("deals.errors.notQuotedYet");
    const { dealId } = await m.bc.inquiry.award({ inquiryId: m.i1, quoteId: m.q1 });

    const [deal] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    const plan = planStages(chinaToday(), 40, true);
    expect(deal).toMatchObject({
      demandId: m.demandId,
      inquiryId: m.i1,
      quoteId: m.q1,
      buyerOrgId: m.buyer.organizationId,
      supplierOrgId: m.s1.organizationId,
      status: "active",
      stage: "samples",
      unitPriceFen: 1250,
      amountFen: 1_250_000,
      quantityValue: 1000,
      paymentTerms: "acceptance",
      paymentDays: 90,
      paymentTermsWarning: true,
      dueDate: plan.dueDate,
    });
    const stages = await t.db.select({ stage: dealStages.stage, state: dealStages.state, plannedDate: dealStages.plannedDate }).from(dealStages).where(eq(dealStages.dealId, dealId));
    expect(stages.sort((a, b) => plan.stages.findIndex((s) => s.stage === a.stage) - plan.stages.findIndex((s) => s.stage === b.stage))).toEqual(plan.stages);
    expect(await t.db.select({ action: dealEvents.action }).from(dealEvents).where(eq(dealEvents.dealId, dealId))).toEqual([{ action: "awarded" }]);

    const statusOf = async (ids: string[]) =>
      Object.fromEntries((await t.db.select({ id: inquiries.id, status: inquiries.status }).from(inquiries).where(inArray(inquiries.id, ids))).map((r) => [r.id, r.status]));
    expect(await statusOf([m.i1, m.i2, m.i3])).toEqual({ [m.i1]: "awarded", [m.i2]: "lost", [m.i3]: "lost" });
    const qs = await t.db.select({ inquiryId: quotes.inquiryId, author: quotes.author, status: quotes.status }).from(quotes).where(inArray(quotes.inquiryId, [m.i1, m.i2]));
    expect(qs.filter((x) => x.inquiryId === m.i1).map((x) => x.status)).toEqual(["awarded"]);
    expect(qs.filter((x) => x.inquiryId === m.i2).map((x) => x.status)).toEqual(["lost", "lost"]);
    const [d] = await t.db.select({ status: demands.status }).from(demands).where(eq(demands.id, m.demandId));
    expect(d!.status).toBe("awarded");

    // The winner, the others (politely) and, for the 90-day bill, both sides about the SME rule.
    expect(await kinds(m.s1.userId)).toEqual(["inquiryInvited", "paymentTermsWarning", "quoteAwarded"]);
    expect(await kinds(m.s2.userId)).toEqual(["inquiryInvited", "quoteCountered", "quoteNotAwarded"]);
    expect(await kinds(m.s3.userId)).toEqual(["inquiryInvited", "quoteNotAwarded"]);
    expect((await kinds(m.buyer.userId)).filter((k) => k === "paymentTermsWarning")).toHaveLength(1);
    const audits = await t.db.select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.entityId, [m.i1, dealId]));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["inquiry.award", "deal.create"]));

    const view = await m.c1.inquiry.get({ inquiryId: m.i1 });
    expect(view).toMatchObject({ dealId, inquiry: { status: "awarded" }, demand: { status: "awarded" }, can: { quote: false, withdraw: false, award: false } });
    expect((await m.bc.inquiry.listMine({ side: "buyer" })).find((r) => r.id === m.i1)!.dealId).toBe(dealId);
    // Afterwards: nothing more to award, withdraw or quote.
    await expect(m.bc.inquiry.award({ inquiryId: m.i2, quoteId: m.q2 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyAwarded" });
    await expect(m.c1.inquiry.withdraw({ inquiryId: m.i1, quoteId: m.q1 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.quoteNotActive" });
    await expect(m.c2.inquiry.quote({ inquiryId: m.i2, quote: q() })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.demandClosed" });
  });

  it("awards after the quote deadline, without a warning on short terms, and refuses a counter or a closed demand", async () => {
    const m = await quoted();
    const counter = (await m.bc.inquiry.counter({ inquiryId: m.i2, quote: q() })).quoteId;
    await expect(m.bc.inquiry.award({ inquiryId: m.i2, quoteId: counter })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.quoteNotActive" });
    await expect(m.c1.inquiry.award({ inquiryId: m.i1, quoteId: m.q1 })).rejects.toMatchObject({ code: "FORBIDDEN", message: "deals.errors.notYourTurn" });
    const late = await callerFor(t.db, m.buyer.userId, { now: new Date("2100-01-02T00:00:00Z") });
    const { dealId } = await late.inquiry.award({ inquiryId: m.i2, quoteId: m.q2 });
    const [deal] = await t.db.select().from(deals).where(eq(deals.id, dealId));
    // An anchor supplier on 30-day terms: no warning; no samples wanted: the deal starts at bulk.
    expect(deal).toMatchObject({ paymentTermsWarning: false, stage: "bulk", dueDate: "2100-02-01" });
    expect(await kinds(m.buyer.userId)).not.toContain("paymentTermsWarning");

    const other = await quoted();
    await other.bc.demand.close({ id: other.demandId });
    await expect(other.bc.inquiry.award({ inquiryId: other.i1, quoteId: other.q1 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.demandClosed" });
  });

  /** Nothing half-written: one deal with its eight stages at most, and the rows agree with it. */
  async function expectOneOutcome(demandId: string) {
    const ds = await t.db.select().from(deals).where(eq(deals.demandId, demandId));
    const rows = await t.db.select().from(inquiries).where(eq(inquiries.demandId, demandId));
    const qs = await t.db.select().from(quotes).where(inArray(quotes.inquiryId, rows.map((r) => r.id)));
    const [d] = await t.db.select().from(demands).where(eq(demands.id, demandId));
    if (ds.length === 0) {
      expect(d!.status).toBe("open");
      expect(rows.filter((r) => r.status === "awarded" || r.status === "lost")).toEqual([]);
      return null;
    }
    expect(ds).toHaveLength(1);
    expect(d!.status).toBe("awarded");
    expect(await t.db.select().from(dealStages).where(eq(dealStages.dealId, ds[0]!.id))).toHaveLength(8);
    expect(rows.filter((r) => r.status === "awarded").map((r) => r.id)).toEqual([ds[0]!.inquiryId]);
    expect(qs.filter((x) => x.status === "awarded").map((x) => x.id)).toEqual([ds[0]!.quoteId]);
    expect(qs.filter((x) => x.status === "active")).toEqual([]);
    const awardedNotes = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, "quoteAwarded"), inArray(notifications.link, [`/deals/${ds[0]!.id}`])));
    expect(awardedNotes).toHaveLength(1);
    return ds[0]!;
  }

  it("races two awards of one demand: exactly one wins, the other gets CONFLICT", async () => {
    for (let round = 0; round < 4; round++) {
      const m = await quoted();
      const a = await callerFor(t.db, m.buyer.userId);
      const b = await callerFor(otherDb(), m.buyer.userId);
      const results = await Promise.allSettled([a.inquiry.award({ inquiryId: m.i1, quoteId: m.q1 }), b.inquiry.award({ inquiryId: m.i2, quoteId: m.q2 })]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(TRPCError);
      expect(lost[0]!.reason).toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyAwarded" });
      const deal = await expectOneOutcome(m.demandId);
      expect(deal!.id).toBe((won[0] as PromiseFulfilledResult<{ dealId: string }>).value.dealId);
    }
  });

  it("races an award and a withdrawal of the same quote: exactly one outcome", async () => {
    for (let round = 0; round < 4; round++) {
      const m = await quoted();
      const buyer = await callerFor(t.db, m.buyer.userId);
      const supplier = await callerFor(otherDb(), m.s1.userId);
      const doAward = () => buyer.inquiry.award({ inquiryId: m.i1, quoteId: m.q1 });
      const doWithdraw = () => supplier.inquiry.withdraw({ inquiryId: m.i1, quoteId: m.q1 });
      // Started in either order, in flight together.
      const [award, withdraw] =
        round % 2 === 0
          ? await Promise.allSettled([doAward(), doWithdraw()])
          : await Promise.allSettled([doWithdraw(), doAward()]).then(([w, a]) => [a, w] as const);
      expect([award!.status, withdraw!.status].sort()).toEqual(["fulfilled", "rejected"]);
      const loser = (award!.status === "rejected" ? award : withdraw) as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ code: "CONFLICT", message: "deals.errors.quoteNotActive" });
      const deal = await expectOneOutcome(m.demandId);
      const [quote] = await t.db.select().from(quotes).where(eq(quotes.id, m.q1));
      if (award!.status === "fulfilled") {
        expect(deal).not.toBeNull();
        expect(quote!.status).toBe("awarded");
      } else {
        expect(deal).toBeNull();
        expect(quote!.status).toBe("withdrawn");
        const [i] = await t.db.select().from(inquiries).where(eq(inquiries.id, m.i1));
        expect(i!.status).toBe("withdrawn");
      }
    }
  });

  it("maps the one-deal-per-demand constraint to CONFLICT and leaves nothing half-written", async () => {
    const m = await quoted();
    // A deal that exists without the demand saying so (the last line of defence must hold).
    await t.db.insert(deals).values({
      demandId: m.demandId,
      inquiryId: m.i2,
      quoteId: m.q2,
      buyerOrgId: m.buyer.organizationId,
      supplierOrgId: m.s2.organizationId,
      title: "x",
      stage: "bulk",
      quantityValue: 1,
      quantityUnit: "米",
      unitPriceFen: 1,
      priceUnit: "米",
      amountFen: 1,
      taxIncluded: true,
      invoiceType: "none",
      paymentTerms: "prepay",
      dueDate: "2099-01-01",
    });
    await expect(m.bc.inquiry.award({ inquiryId: m.i1, quoteId: m.q1 })).rejects.toMatchObject({ code: "CONFLICT", message: "deals.errors.alreadyAwarded" });
    const [quote] = await t.db.select().from(quotes).where(eq(quotes.id, m.q1));
    const [i] = await t.db.select().from(inquiries).where(eq(inquiries.id, m.i1));
    const [d] = await t.db.select().from(demands).where(eq(demands.id, m.demandId));
    expect([quote!.status, i!.status, d!.status]).toEqual(["active", "quoted", "open"]);
    expect(await kinds(m.s1.userId)).toEqual(["inquiryInvited"]);
  });
});
