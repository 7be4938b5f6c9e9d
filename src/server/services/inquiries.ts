import "server-only";
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import { effectiveDemandStatus } from "@/domain/demand-text";
import { paymentTermsWarning } from "@/domain/deals/stages";
import { isOpenInquiry, type InquiryStatus } from "@/domain/deals/inquiry-rules";
import type { QuoteValues } from "@/domain/schemas/deals";
import { deals, demands, inquiries, listings, organizations, quotes } from "../db/schema";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";
import { assertQuotable, attachmentsOf, dealError, inquiryNotFound, lockDemand, orgSummaries, partyInquiry, PARTY_ROLES, type Side } from "./inquiry-access";
import { unreadCounts } from "./inquiry-messages";
import { insertQuote, notifyQuoteReceived, quoteColumns } from "./inquiry-quotes";
import { notify } from "./notifications";

/**
 * Inquiries (docs/deals.md): the buyer invites shortlisted suppliers, a supplier answers a public
 * demand (or one it was invited to); one inquiry per demand and supplier organisation. Reads for
 * the two sides: one inquiry with its whole quote history, and each side's list.
 */

/**
 * The buyer invites the organisations behind up to 20 published listings. Inviting an organisation
 * again (or through a second listing) changes nothing; each new one is notified.
 */
export async function inviteSuppliers({ ctx, demandId, listingIds, note }: { ctx: OrgContext; demandId: string; listingIds: string[]; note?: string }) {
  assertRole(ctx, PARTY_ROLES);
  const buyer = ctx.membership.organizationId;
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const demand = await lockDemand(tx, demandId);
    if (demand.organizationId !== buyer) throw inquiryNotFound();
    assertQuotable(demand, at);
    const ids = [...new Set(listingIds)];
    const rows = await tx
      .select({ id: listings.id, organizationId: listings.organizationId, status: listings.status })
      .from(listings)
      .where(inArray(listings.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The first listing named for each organisation is the one the inquiry refers to.
    const firstListing = new Map<string, string>();
    for (const id of ids) {
      const l = byId.get(id);
      if (!l || l.status !== "published") throw dealError("INVALID", "listingNotPublished", {}, "listingIds");
      if (l.organizationId === buyer) throw dealError("INVALID", "ownListing", {}, "listingIds");
      if (!firstListing.has(l.organizationId)) firstListing.set(l.organizationId, id);
    }
    const created = await tx
      .insert(inquiries)
      .values(
        [...firstListing].map(([supplierOrgId, listingId]) => ({
          demandId,
          buyerOrgId: buyer,
          supplierOrgId,
          listingId,
          source: "invited" as const,
          status: "invited" as const,
          note: note ?? null,
          createdBy: ctx.actor.userId,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .onConflictDoNothing({ target: [inquiries.demandId, inquiries.supplierOrgId] })
      .returning();
    const all = await tx
      .select({ id: inquiries.id, supplierOrgId: inquiries.supplierOrgId })
      .from(inquiries)
      .where(and(eq(inquiries.demandId, demandId), inArray(inquiries.supplierOrgId, [...firstListing.keys()])));
    const [buyerOrg] = await tx.select({ nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, buyer));
    for (const inquiry of created) {
      await writeAudit(tx, {
        organizationId: buyer,
        actorUserId: ctx.actor.userId,
        action: "inquiry.invite",
        entityType: "inquiry",
        entityId: inquiry.id,
        changes: { demandId, supplierOrgId: inquiry.supplierOrgId, listingId: inquiry.listingId },
      });
      await notify(tx, {
        organizationId: inquiry.supplierOrgId,
        kind: "inquiryInvited",
        params: { buyer: buyerOrg?.nameZh ?? "", demand: demand.title },
        link: `/inquiries/${inquiry.id}`,
        dedupeKey: `inquiryInvited:${inquiry.id}`,
      });
    }
    const bySupplier = new Map(all.map((r) => [r.supplierOrgId, r.id]));
    return { invited: created.length, already: firstListing.size - created.length, inquiryIds: [...firstListing.keys()].map((o) => bySupplier.get(o)!) };
  });
}

/**
 * A supplier answers a demand with its first quote: a public open demand, or an invited one it
 * holds an inquiry for. With an inquiry already there this is a revision of it.
 */
export async function respondToDemand({ ctx, demandId, listingId, quote }: { ctx: OrgContext; demandId: string; listingId?: string; quote: QuoteValues }) {
  assertRole(ctx, PARTY_ROLES);
  const supplier = ctx.membership.organizationId;
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const demand = await lockDemand(tx, demandId);
    let [inquiry] = await tx.select().from(inquiries).where(and(eq(inquiries.demandId, demandId), eq(inquiries.supplierOrgId, supplier))).for("update");
    if (!inquiry && demand.visibility !== "public") throw inquiryNotFound();
    if (demand.organizationId === supplier) throw dealError("INVALID", "ownDemand");
    assertQuotable(demand, at);
    if (listingId) {
      const [l] = await tx.select({ id: listings.id }).from(listings).where(and(eq(listings.id, listingId), eq(listings.organizationId, supplier), eq(listings.status, "published")));
      if (!l) throw dealError("INVALID", "listingNotPublished", {}, "listingId");
    }
    if (inquiry && !isOpenInquiry(inquiry.status)) throw dealError("CONFLICT", "inquiryClosed");
    if (!inquiry) {
      [inquiry] = await tx
        .insert(inquiries)
        .values({ demandId, buyerOrgId: demand.organizationId, supplierOrgId: supplier, listingId: listingId ?? null, source: "responded", status: "quoted", createdBy: ctx.actor.userId, createdAt: at, updatedAt: at })
        .returning();
      await writeAudit(tx, { organizationId: supplier, actorUserId: ctx.actor.userId, action: "inquiry.respond", entityType: "inquiry", entityId: inquiry!.id, changes: { demandId, listingId: listingId ?? null } });
    } else if (listingId && !inquiry.listingId) {
      await tx.update(inquiries).set({ listingId }).where(eq(inquiries.id, inquiry.id));
    }
    const row = await insertQuote(tx, ctx, inquiry!, "supplier", quote);
    await notifyQuoteReceived(tx, demand, inquiry!, row);
    return { inquiryId: inquiry!.id, quoteId: row.id, revision: row.revision };
  });
}

// ---- Reads ----

const demandSummaryColumns = {
  id: demands.id,
  title: demands.title,
  status: demands.status,
  visibility: demands.visibility,
  quoteDeadline: demands.quoteDeadline,
  chainLink: demands.chainLink,
  processes: demands.processes,
  products: demands.products,
  quantityInputValue: demands.quantityInputValue,
  quantityInputUnit: demands.quantityInputUnit,
  needBy: demands.needBy,
  deliverCityAdcode: demands.deliverCityAdcode,
  samplesWanted: demands.samplesWanted,
  paymentTerms: demands.paymentTerms,
  paymentDays: demands.paymentDays,
  invoiceType: demands.invoiceType,
  targetPriceValue: demands.targetPriceValue,
  targetPriceUnit: demands.targetPriceUnit,
};

/** One inquiry for either side: the demand, both organisations, every quote (oldest first), the deal. */
export async function getInquiry({ ctx, inquiryId }: { ctx: OrgContext; inquiryId: string }) {
  const { inquiry, side } = await partyInquiry(ctx.db, ctx, inquiryId);
  const at = now(ctx);
  const [demand] = await ctx.db.select(demandSummaryColumns).from(demands).where(eq(demands.id, inquiry.demandId));
  const history = await ctx.db.select(quoteColumns).from(quotes).where(eq(quotes.inquiryId, inquiryId)).orderBy(quotes.revision);
  const orgs = await orgSummaries(ctx.db, [inquiry.buyerOrgId, inquiry.supplierOrgId]);
  const buyer = orgs.get(inquiry.buyerOrgId)!;
  const supplier = orgs.get(inquiry.supplierOrgId)!;
  const [listing] = inquiry.listingId ? await ctx.db.select({ id: listings.id, title: listings.title }).from(listings).where(eq(listings.id, inquiry.listingId)) : [];
  const [deal] = await ctx.db.select({ id: deals.id }).from(deals).where(eq(deals.inquiryId, inquiryId));
  const files = await attachmentsOf(ctx.db, history.flatMap((q) => q.attachmentFileIds));
  const latest = history.at(-1) ?? null;
  const active = history.find((q) => q.author === "supplier" && q.status === "active") ?? null;
  const demandStatus = effectiveDemandStatus(demand!.status, demand!.quoteDeadline, at);
  const running = isOpenInquiry(inquiry.status);
  const takesQuotes = running && demandStatus === "open";
  const { [inquiryId]: unread = 0 } = await unreadCounts(ctx.db, ctx, [inquiryId]);
  return {
    inquiry: {
      id: inquiry.id,
      status: inquiry.status as InquiryStatus,
      source: inquiry.source,
      note: inquiry.note,
      declineReason: inquiry.declineReason,
      lastMessageAt: inquiry.lastMessageAt,
      createdAt: inquiry.createdAt,
      updatedAt: inquiry.updatedAt,
    },
    side,
    demand: { ...demand!, status: demandStatus },
    buyer,
    supplier,
    listing: listing ?? null,
    quotes: history.map((q) => ({ ...q, attachments: q.attachmentFileIds.map((id) => files.get(id)).filter((f) => f !== undefined) })),
    /** The supplier's active quote: what the buyer may award and the supplier may withdraw. */
    activeQuoteId: active?.id ?? null,
    dealId: deal?.id ?? null,
    /** 保障中小企业款项支付条例: the latest quote's terms breach the 60-day rule for this pair. */
    paymentTermsWarning: latest ? paymentTermsWarning(buyer, supplier, latest) : false,
    unread,
    /** What the caller's side may do now (the services decide again on every call). */
    can: {
      quote: side === "supplier" && takesQuotes,
      withdraw: side === "supplier" && running && active !== null,
      decline: side === "supplier" && running,
      counter: side === "buyer" && takesQuotes && inquiry.status !== "invited",
      award: side === "buyer" && running && active !== null && (demandStatus === "open" || demandStatus === "expired"),
    },
  };
}

/** The active organisation's inquiries on one side, newest activity first, with the latest quote and unread count. */
export async function listMyInquiries({ ctx, side, status, demandId }: { ctx: OrgContext; side: Side; status?: InquiryStatus; demandId?: string }) {
  assertRole(ctx, PARTY_ROLES);
  const org = ctx.membership.organizationId;
  const at = now(ctx);
  const conds: SQL[] = [eq(side === "buyer" ? inquiries.buyerOrgId : inquiries.supplierOrgId, org)];
  if (status) conds.push(eq(inquiries.status, status));
  // One demand's inquiry of the organisation (the demand page and the quote page look up their own).
  if (demandId) conds.push(eq(inquiries.demandId, demandId));
  const rows = await ctx.db
    .select({
      id: inquiries.id,
      status: inquiries.status,
      source: inquiries.source,
      updatedAt: inquiries.updatedAt,
      lastMessageAt: inquiries.lastMessageAt,
      counterpartId: side === "buyer" ? inquiries.supplierOrgId : inquiries.buyerOrgId,
      demandId: demands.id,
      demandTitle: demands.title,
      demandStatus: demands.status,
      quoteDeadline: demands.quoteDeadline,
    })
    .from(inquiries)
    .innerJoin(demands, eq(demands.id, inquiries.demandId))
    .where(and(...conds))
    .orderBy(desc(inquiries.updatedAt), desc(inquiries.id))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const latest = new Map(
    (ids.length
      ? await ctx.db
          .selectDistinctOn([quotes.inquiryId], quoteColumns)
          .from(quotes)
          .where(inArray(quotes.inquiryId, ids))
          .orderBy(quotes.inquiryId, desc(quotes.revision))
      : []
    ).map((q) => [q.inquiryId, q]),
  );
  const orgs = await orgSummaries(ctx.db, rows.map((r) => r.counterpartId));
  const unread = await unreadCounts(ctx.db, ctx, ids);
  const dealIds = new Map(
    (ids.length ? await ctx.db.select({ id: deals.id, inquiryId: deals.inquiryId }).from(deals).where(inArray(deals.inquiryId, ids)) : []).map((d) => [d.inquiryId, d.id]),
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status as InquiryStatus,
    source: r.source,
    updatedAt: r.updatedAt,
    lastMessageAt: r.lastMessageAt,
    demand: { id: r.demandId, title: r.demandTitle, status: effectiveDemandStatus(r.demandStatus, r.quoteDeadline, at), quoteDeadline: r.quoteDeadline },
    counterpart: orgs.get(r.counterpartId)!,
    latestQuote: latest.get(r.id) ?? null,
    unread: unread[r.id] ?? 0,
    dealId: dealIds.get(r.id) ?? null,
  }));
}
