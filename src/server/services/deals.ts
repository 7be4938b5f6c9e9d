import "server-only";
import { and, asc, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { availableActions, shippingSummary, stageIsLate } from "@/domain/deals/deal-actions";
import { DEAL_STAGES, type DealSide } from "@/domain/deals/stages";
import type { Db } from "../db/types";
import { dealEvents, dealInvoices, dealPayments, dealRatings, deals, dealShipments, dealStages, organizations, users } from "../db/schema";
import { dealNotFound, todayOf, viewerOf, type DealRow, type DealViewer, type StageRow } from "./deal-access";
import type { OrgContext } from "./context";

/**
 * The deal flow's read side (docs/deals.md): the active organisation's deals as buyer, supplier or
 * introducing service centre, and one deal in full with the actions the caller may take now.
 * Anyone else gets NOT_FOUND.
 */

export type DealStatus = DealRow["status"];
export type DealListSide = DealSide | "introduced";

const orgColumns = {
  id: organizations.id,
  type: organizations.type,
  nameZh: organizations.nameZh,
  nameEn: organizations.nameEn,
  smeLevel: organizations.smeLevel,
  verificationState: organizations.verificationState,
  cityAdcode: organizations.cityAdcode,
};
export type DealOrg = { id: string; type: string; nameZh: string; nameEn: string | null; smeLevel: string | null; verificationState: string; cityAdcode: string | null };

async function orgsById(db: Db, ids: Array<string | null>): Promise<Map<string, DealOrg>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db.select(orgColumns).from(organizations).where(inArray(organizations.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

function orderStages<T extends { stage: StageRow["stage"] }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => DEAL_STAGES.indexOf(a.stage) - DEAL_STAGES.indexOf(b.stage));
}

/** Public columns of a deal (who created it stays internal). */
function present(deal: DealRow) {
  const { createdBy: _createdBy, ...rest } = deal;
  return rest;
}

export async function listDeals({ ctx, status, side }: { ctx: OrgContext; status?: DealStatus; side?: DealListSide }) {
  const org = ctx.membership.organizationId;
  const sides: Record<DealListSide, SQL> = {
    buyer: eq(deals.buyerOrgId, org),
    supplier: eq(deals.supplierOrgId, org),
    introduced: eq(deals.introducedByOrgId, org),
  };
  const rows = await ctx.db
    .select()
    .from(deals)
    .where(and(side ? sides[side] : or(...Object.values(sides)), status ? eq(deals.status, status) : undefined))
    .orderBy(desc(deals.updatedAt), desc(deals.id))
    .limit(500);
  if (rows.length === 0) return [];
  const stages = await ctx.db
    .select({ dealId: dealStages.dealId, stage: dealStages.stage, state: dealStages.state, plannedDate: dealStages.plannedDate, actualDate: dealStages.actualDate })
    .from(dealStages)
    .where(inArray(dealStages.dealId, rows.map((r) => r.id)));
  const orgs = await orgsById(ctx.db, rows.flatMap((r) => [r.buyerOrgId, r.supplierOrgId]));
  const today = todayOf(ctx);
  return rows.map((deal) => {
    const viewer = viewerOf(deal, org)!;
    const lateStages = orderStages(stages.filter((s) => s.dealId === deal.id && stageIsLate(s, today, deal.status))).map((s) => s.stage);
    return {
      id: deal.id,
      title: deal.title,
      status: deal.status,
      stage: deal.stage,
      viewer,
      /** The other side; for an introducing service centre, the supplier (the buyer is in `buyer`). */
      counterpart: orgs.get(viewer === "supplier" ? deal.buyerOrgId : deal.supplierOrgId) ?? null,
      buyer: orgs.get(deal.buyerOrgId) ?? null,
      supplier: orgs.get(deal.supplierOrgId) ?? null,
      quantityValue: deal.quantityValue,
      quantityUnit: deal.quantityUnit,
      amountFen: deal.amountFen,
      dueDate: deal.dueDate,
      deliveredAt: deal.deliveredAt,
      paymentTermsWarning: deal.paymentTermsWarning,
      late: lateStages.length > 0,
      lateStages,
      updatedAt: deal.updatedAt,
    };
  });
}

/** The deal for a reader: buyer, supplier or introducer; NOT_FOUND for anyone else. */
async function readableDeal(ctx: OrgContext, dealId: string): Promise<{ deal: DealRow; viewer: DealViewer }> {
  const [deal] = await ctx.db.select().from(deals).where(eq(deals.id, dealId));
  const viewer = deal ? viewerOf(deal, ctx.membership.organizationId) : null;
  if (!deal || !viewer) throw dealNotFound();
  return { deal, viewer };
}

export async function getDeal({ ctx, dealId }: { ctx: OrgContext; dealId: string }) {
  const { deal, viewer } = await readableDeal(ctx, dealId);
  const db = ctx.db;
  const [stageRows, events, shipments, invoices, payments, ratings, orgs] = await Promise.all([
    db.select().from(dealStages).where(eq(dealStages.dealId, deal.id)),
    db
      .select({ id: dealEvents.id, stage: dealEvents.stage, action: dealEvents.action, comment: dealEvents.comment, actorOrgId: dealEvents.actorOrgId, actorName: users.name, createdAt: dealEvents.createdAt })
      .from(dealEvents)
      .leftJoin(users, eq(users.id, dealEvents.actorUserId))
      .where(eq(dealEvents.dealId, deal.id))
      .orderBy(asc(dealEvents.createdAt), asc(dealEvents.id)),
    db.select().from(dealShipments).where(eq(dealShipments.dealId, deal.id)).orderBy(asc(dealShipments.shippedOn), asc(dealShipments.createdAt)),
    db.select().from(dealInvoices).where(eq(dealInvoices.dealId, deal.id)).orderBy(asc(dealInvoices.issuedOn), asc(dealInvoices.createdAt)),
    db.select().from(dealPayments).where(eq(dealPayments.dealId, deal.id)).orderBy(asc(dealPayments.paidOn), asc(dealPayments.createdAt)),
    db.select().from(dealRatings).where(eq(dealRatings.dealId, deal.id)).orderBy(asc(dealRatings.createdAt)),
    orgsById(db, [deal.buyerOrgId, deal.supplierOrgId, deal.introducedByOrgId]),
  ]);
  const today = todayOf(ctx);
  const stages = orderStages(stageRows).map((s) => ({
    stage: s.stage,
    state: s.state,
    plannedDate: s.plannedDate,
    actualDate: s.actualDate,
    comment: s.comment,
    late: stageIsLate(s, today, deal.status),
    lateNotifiedAt: s.lateNotifiedAt,
  }));
  const shipping = shippingSummary(deal, shipments);
  const side: DealSide | null = viewer === "introducer" ? null : viewer;
  const sideOf = (orgId: string | null): DealSide | null => (orgId === deal.buyerOrgId ? "buyer" : orgId === deal.supplierOrgId ? "supplier" : null);
  const sum = (xs: Array<{ amountFen: number }>) => xs.reduce((a, x) => a + x.amountFen, 0);
  const confirmedFen = sum(payments.filter((p) => p.confirmedAt));
  const rated = ratings.some((r) => r.raterOrgId === ctx.membership.organizationId);
  const unconfirmedPayments = payments.filter((p) => !p.confirmedAt).length;
  return {
    deal: present(deal),
    viewer,
    buyer: orgs.get(deal.buyerOrgId)!,
    supplier: orgs.get(deal.supplierOrgId)!,
    introducer: deal.introducedByOrgId ? (orgs.get(deal.introducedByOrgId) ?? null) : null,
    stages,
    late: stages.some((s) => s.late),
    events: events.map((e) => ({ ...e, side: sideOf(e.actorOrgId) })),
    shipments: shipments.map(({ createdBy: _c, ...s }) => s),
    shipping,
    invoices: invoices.map(({ createdBy: _c, ...i }) => i),
    payments: payments.map(({ createdBy: _c, ...p }) => p),
    money: { invoicedFen: sum(invoices), paidFen: sum(payments), confirmedFen, balanceFen: deal.amountFen - confirmedFen },
    ratings: ratings.map((r) => ({ id: r.id, side: sideOf(r.raterOrgId)!, onTime: r.onTime, quality: r.quality, communication: r.communication, comment: r.comment, createdAt: r.createdAt })),
    actions: availableActions(deal, stages, shipping, side, { rated, unconfirmedPayments }),
  };
}

export type DealDetail = Awaited<ReturnType<typeof getDeal>>;

