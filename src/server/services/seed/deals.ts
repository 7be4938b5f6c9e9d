import "server-only";
import { orderAmountFen, paymentTermsWarning, planStages, type DealStage, type StageState } from "@/domain/deals/stages";
import { toCanonical } from "@/domain/units";
import type { Db } from "../../db/types";
import { dealEvents, dealInvoices, dealPayments, dealRatings, deals, dealShipments, dealStages, demands, inquiries, quotes } from "../../db/schema";
import { refreshDeliveryRecord } from "../delivery-record";
import { addDays, createRng, endOfShanghaiDay } from "./rng";

/**
 * Three demo orders of 鲁纺示范集团 (anchor@), so the deal pages have something to show from the
 * start: a children's-wear order from kids@ delivered, closed and rated both ways (introduced by the
 * Jimo service centre; kids@'s organisation page shows a delivery record), a towel order from
 * hometex@ whose lab dip (打色) was sent back, and a sweater order from sweater@ with one of two lots
 * shipped and received (acceptance bill at 90 days: the SME payment warning). Dates count from
 * today, ids from a fixed seed: the same day gives the same rows.
 */

type Side = "buyer" | "supplier";
type Terms = { paymentTerms: "prepay" | "monthly" | "acceptance"; paymentDays: number | null };

interface DemoDeal {
  supplier: string;
  introducedBy?: string;
  title: string;
  demand: { chainLink: string; processes: string[]; products: string[]; fibers: string[]; safetyClass?: string; certs?: string[] };
  quantity: number;
  unit: string;
  unitPriceFen: number;
  terms: Terms;
  samplesWanted: boolean;
  /** Days before today of the award; lead time in days. */
  awardedDaysAgo: number;
  leadTimeDays: number;
  /** Where it is: stage states (days ago of the action), history, lots, money, ratings. */
  stage: DealStage;
  status: "active" | "closed";
  stages: Partial<Record<DealStage, { state: StageState; daysAgo?: number; comment?: string }>>;
  events: Array<{ daysAgo: number; side: Side; stage: DealStage; action: string; comment?: string }>;
  lots?: Array<{ quantity: number; shippedDaysAgo: number; receivedDaysAgo?: number; carrier: string; trackingNo: string }>;
  invoice?: { number: string; daysAgo: number };
  payment?: { daysAgo: number; reference: string };
  ratings?: Array<{ side: Side; daysAgo: number; onTime: number; quality: number; communication: number; comment: string }>;
}

const ANCHOR = "anchor@demo.fanglian.local";

export const demoDeals: DemoDeal[] = [
  {
    supplier: "kids@demo.fanglian.local",
    introducedBy: "cluster@demo.fanglian.local",
    title: "婴幼儿针织套装 A类 2万件",
    demand: { chainLink: "garment", processes: ["cmt"], products: ["childrenswear"], fibers: ["cotton"], safetyClass: "gb18401_a", certs: ["oeko_tex_100"] },
    quantity: 20_000,
    unit: "件",
    unitPriceFen: 1850,
    terms: { paymentTerms: "monthly", paymentDays: 30 },
    samplesWanted: true,
    awardedDaysAgo: 50,
    leadTimeDays: 30,
    stage: "closed",
    status: "closed",
    stages: {
      samples: { state: "done", daysAgo: 48 },
      lab_dip: { state: "done", daysAgo: 45 },
      pp_sample: { state: "done", daysAgo: 42, comment: "版型确认，按产前样大货。" },
      bulk: { state: "done", daysAgo: 27 },
      inspection: { state: "done", daysAgo: 25 },
      shipped: { state: "done", daysAgo: 24 },
      delivered: { state: "done", daysAgo: 21 },
      closed: { state: "done", daysAgo: 18 },
    },
    events: [
      { daysAgo: 49, side: "supplier", stage: "samples", action: "submit" },
      { daysAgo: 48, side: "buyer", stage: "samples", action: "approve" },
      { daysAgo: 46, side: "supplier", stage: "lab_dip", action: "submit" },
      { daysAgo: 45, side: "buyer", stage: "lab_dip", action: "approve" },
      { daysAgo: 43, side: "supplier", stage: "pp_sample", action: "submit" },
      { daysAgo: 42, side: "buyer", stage: "pp_sample", action: "approve", comment: "版型确认，按产前样大货。" },
      { daysAgo: 27, side: "supplier", stage: "bulk", action: "complete" },
      { daysAgo: 26, side: "supplier", stage: "inspection", action: "submit" },
      { daysAgo: 25, side: "buyer", stage: "inspection", action: "approve" },
      { daysAgo: 24, side: "supplier", stage: "shipped", action: "shipped" },
      { daysAgo: 23, side: "buyer", stage: "shipped", action: "received" },
      { daysAgo: 22, side: "supplier", stage: "shipped", action: "shipped" },
      { daysAgo: 21, side: "buyer", stage: "shipped", action: "received" },
      { daysAgo: 21, side: "buyer", stage: "delivered", action: "delivered" },
      { daysAgo: 21, side: "supplier", stage: "delivered", action: "invoice" },
      { daysAgo: 18, side: "buyer", stage: "closed", action: "closed" },
      { daysAgo: 17, side: "buyer", stage: "closed", action: "rated", comment: "交期准时，做工细致，A类检测一次通过。" },
      { daysAgo: 16, side: "supplier", stage: "closed", action: "rated", comment: "需求清晰，付款及时。" },
      { daysAgo: 15, side: "buyer", stage: "closed", action: "payment" },
      { daysAgo: 14, side: "supplier", stage: "closed", action: "paymentConfirmed" },
    ],
    lots: [
      { quantity: 12_000, shippedDaysAgo: 24, receivedDaysAgo: 23, carrier: "德邦物流", trackingNo: "DPK6021880123" },
      { quantity: 7_900, shippedDaysAgo: 22, receivedDaysAgo: 21, carrier: "德邦物流", trackingNo: "DPK6021880456" },
    ],
    invoice: { number: "37020251180001", daysAgo: 21 },
    payment: { daysAgo: 15, reference: "工商银行 网银转账" },
    ratings: [
      { side: "buyer", daysAgo: 17, onTime: 5, quality: 5, communication: 4, comment: "交期准时，做工细致，A类检测一次通过。" },
      { side: "supplier", daysAgo: 16, onTime: 5, quality: 4, communication: 5, comment: "需求清晰，付款及时。" },
    ],
  },
  {
    supplier: "hometex@demo.fanglian.local",
    title: "纯棉毛巾浴巾套装 3万套",
    demand: { chainLink: "home_textiles", processes: ["towels"], products: ["towels"], fibers: ["cotton"], certs: ["oeko_tex_100"] },
    quantity: 30_000,
    unit: "套",
    unitPriceFen: 3600,
    terms: { paymentTerms: "monthly", paymentDays: 60 },
    samplesWanted: true,
    awardedDaysAgo: 6,
    leadTimeDays: 45,
    stage: "lab_dip",
    status: "active",
    stages: {
      samples: { state: "done", daysAgo: 4 },
      lab_dip: { state: "returned", comment: "色差未达 4 级，请按 Pantone 11-0601 TCX 重新打色。" },
    },
    events: [
      { daysAgo: 5, side: "supplier", stage: "samples", action: "submit" },
      { daysAgo: 4, side: "buyer", stage: "samples", action: "approve" },
      { daysAgo: 3, side: "supplier", stage: "lab_dip", action: "submit" },
      { daysAgo: 2, side: "buyer", stage: "lab_dip", action: "return", comment: "色差未达 4 级，请按 Pantone 11-0601 TCX 重新打色。" },
    ],
  },
  {
    supplier: "sweater@demo.fanglian.local",
    title: "羊毛混纺毛衫 12G 5000件",
    demand: { chainLink: "weaving_knitting", processes: ["flat_knitting", "fully_fashioned_linking"], products: ["knitwear_sweaters"], fibers: ["wool", "nylon"] },
    quantity: 5_000,
    unit: "件",
    unitPriceFen: 8500,
    terms: { paymentTerms: "acceptance", paymentDays: 90 },
    samplesWanted: false,
    awardedDaysAgo: 25,
    leadTimeDays: 28,
    stage: "shipped",
    status: "active",
    stages: { bulk: { state: "done", daysAgo: 8 }, inspection: { state: "done", daysAgo: 5 }, shipped: { state: "active", daysAgo: 3 } },
    events: [
      { daysAgo: 8, side: "supplier", stage: "bulk", action: "complete" },
      { daysAgo: 6, side: "supplier", stage: "inspection", action: "submit" },
      { daysAgo: 5, side: "buyer", stage: "inspection", action: "approve" },
      { daysAgo: 3, side: "supplier", stage: "shipped", action: "shipped" },
      { daysAgo: 1, side: "buyer", stage: "shipped", action: "received" },
    ],
    lots: [{ quantity: 3_000, shippedDaysAgo: 3, receivedDaysAgo: 1, carrier: "顺丰速运", trackingNo: "SF1402398765432" }],
  },
];

interface SeedContext {
  orgOf: (email: string) => { id: string; type: string; smeLevel: string | null };
  userOf: (email: string) => string;
  today: string;
}

/** Inserts the demo orders (with their demands, inquiries and awarded quotes) and the delivery records they make. */
export async function insertDemoDeals(tx: Db, ctx: SeedContext): Promise<void> {
  const rng = createRng(0xdea15);
  const day = (daysAgo: number) => addDays(ctx.today, -daysAgo);
  const at = (daysAgo: number, hour = 10) => new Date(`${day(daysAgo)}T${String(hour).padStart(2, "0")}:00:00+08:00`);
  const buyer = ctx.orgOf(ANCHOR);
  const buyerUser = ctx.userOf(ANCHOR);
  for (const d of demoDeals) {
    const supplier = ctx.orgOf(d.supplier);
    const supplierUser = ctx.userOf(d.supplier);
    const who = (side: Side) => (side === "buyer" ? { org: buyer.id, user: buyerUser } : { org: supplier.id, user: supplierUser });
    const ids = { demand: rng.uuid(), inquiry: rng.uuid(), quote: rng.uuid(), deal: rng.uuid() };
    const awardedOn = day(d.awardedDaysAgo);
    const canonical = toCanonical(d.quantity, d.unit, "quantity")!;
    await tx.insert(demands).values({
      id: ids.demand, organizationId: buyer.id, title: `求购${d.title}`, text: `${d.title}，按样确认后大货，分批交货可议。`,
      chainLink: d.demand.chainLink, processes: d.demand.processes, products: d.demand.products, fibers: d.demand.fibers,
      quantityValue: canonical.value, quantityUnit: canonical.unit, quantityInputValue: d.quantity, quantityInputUnit: d.unit,
      needBy: addDays(awardedOn, d.leadTimeDays + 5), deliverCityAdcode: "371600", requiredCertifications: d.demand.certs ?? [],
      ...d.terms, invoiceType: "vat_special", samplesWanted: d.samplesWanted, safetyClass: d.demand.safetyClass ?? null,
      quoteDeadline: endOfShanghaiDay(addDays(awardedOn, -2)), visibility: "invited", status: "awarded", createdBy: buyerUser,
      createdAt: at(d.awardedDaysAgo + 10), updatedAt: at(d.awardedDaysAgo),
    });
    await tx.insert(inquiries).values({
      id: ids.inquiry, demandId: ids.demand, buyerOrgId: buyer.id, supplierOrgId: supplier.id, source: d.introducedBy ? "introduced" : "invited",
      status: "awarded", introducedByOrgId: d.introducedBy ? ctx.orgOf(d.introducedBy).id : null, createdBy: buyerUser,
      createdAt: at(d.awardedDaysAgo + 9), updatedAt: at(d.awardedDaysAgo),
    });
    await tx.insert(quotes).values({
      id: ids.quote, inquiryId: ids.inquiry, revision: 1, author: "supplier", status: "awarded", unitPriceFen: d.unitPriceFen, priceUnit: d.unit,
      taxIncluded: true, invoiceType: "vat_special", quantityValue: d.quantity, quantityUnit: d.unit, leadTimeDays: d.leadTimeDays,
      validUntil: addDays(awardedOn, 30), ...d.terms, createdBy: supplierUser, createdAt: at(d.awardedDaysAgo + 5),
    });
    const plan = planStages(awardedOn, d.leadTimeDays, d.samplesWanted);
    const lots = d.lots ?? [];
    const received = lots.reduce((a, l) => a + (l.receivedDaysAgo !== undefined ? l.quantity : 0), 0);
    const deliveredAt = d.stages.delivered?.state === "done" ? day(d.stages.delivered.daysAgo!) : null;
    const amountFen = orderAmountFen(d.unitPriceFen, d.quantity);
    await tx.insert(deals).values({
      id: ids.deal, demandId: ids.demand, inquiryId: ids.inquiry, quoteId: ids.quote, buyerOrgId: buyer.id, supplierOrgId: supplier.id,
      introducedByOrgId: d.introducedBy ? ctx.orgOf(d.introducedBy).id : null, title: d.title, status: d.status, stage: d.stage,
      quantityValue: d.quantity, quantityUnit: d.unit, unitPriceFen: d.unitPriceFen, priceUnit: d.unit, amountFen, taxIncluded: true,
      invoiceType: "vat_special", ...d.terms, paymentTermsWarning: paymentTermsWarning(buyer, supplier, d.terms), deliveredQuantity: received,
      deliveredAt, dueDate: plan.dueDate, version: d.events.length + 1, createdBy: buyerUser, createdAt: at(d.awardedDaysAgo), updatedAt: at(d.events.at(-1)?.daysAgo ?? d.awardedDaysAgo),
    });
    await tx.insert(dealStages).values(
      plan.stages.map((s) => {
        const now = d.stages[s.stage];
        const firstLot = s.stage === "shipped" && lots.length ? day(Math.max(...lots.map((l) => l.shippedDaysAgo))) : null;
        return {
          dealId: ids.deal, stage: s.stage, plannedDate: s.plannedDate, state: now?.state ?? s.state, comment: now?.comment ?? null,
          actualDate: firstLot ?? (now?.state === "done" && now.daysAgo !== undefined ? day(now.daysAgo) : null),
        };
      }),
    );
    await tx.insert(dealEvents).values(
      d.events.map((e, i) => ({ dealId: ids.deal, stage: e.stage, action: e.action, comment: e.comment ?? null, actorOrgId: who(e.side).org, actorUserId: who(e.side).user, createdAt: at(e.daysAgo, 9 + (i % 8)) })),
    );
    if (lots.length)
      await tx.insert(dealShipments).values(
        lots.map((l) => ({ id: rng.uuid(), dealId: ids.deal, quantity: l.quantity, shippedOn: day(l.shippedDaysAgo), receivedOn: l.receivedDaysAgo === undefined ? null : day(l.receivedDaysAgo), carrier: l.carrier, trackingNo: l.trackingNo, createdBy: supplierUser, createdAt: at(l.shippedDaysAgo) })),
      );
    if (d.invoice)
      await tx.insert(dealInvoices).values({ id: rng.uuid(), dealId: ids.deal, number: d.invoice.number, invoiceType: "vat_special", amountFen, issuedOn: day(d.invoice.daysAgo), dueOn: addDays(day(d.invoice.daysAgo), d.terms.paymentDays ?? 0), createdBy: supplierUser, createdAt: at(d.invoice.daysAgo) });
    if (d.payment)
      await tx.insert(dealPayments).values({ id: rng.uuid(), dealId: ids.deal, amountFen, paidOn: day(d.payment.daysAgo), method: "bank_transfer", reference: d.payment.reference, confirmedAt: at(d.payment.daysAgo - 1), createdBy: buyerUser, createdAt: at(d.payment.daysAgo) });
    for (const r of d.ratings ?? []) {
      const rater = who(r.side);
      const ratee = who(r.side === "buyer" ? "supplier" : "buyer");
      await tx.insert(dealRatings).values({ id: rng.uuid(), dealId: ids.deal, raterOrgId: rater.org, rateeOrgId: ratee.org, onTime: r.onTime, quality: r.quality, communication: r.communication, comment: r.comment, createdBy: rater.user, createdAt: at(r.daysAgo) });
    }
    if (deliveredAt) await refreshDeliveryRecord(tx, supplier.id, { now: at(0) });
  }
}
