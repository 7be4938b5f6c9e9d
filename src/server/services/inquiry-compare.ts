import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { chinaToday, isCertificateValid } from "@/domain/certificates";
import { effectiveDemandStatus } from "@/domain/demand-text";
import { distanceKm, locate, type InquiryStatus } from "@/domain/deals/inquiry-rules";
import { paymentTermsWarning } from "@/domain/deals/stages";
import { certifications, demands, deliveryRecords, inquiries, listings, organizations, quotes, sites } from "../db/schema";
import { assertRole } from "./authz";
import { now, type OrgContext } from "./context";
import { toDeliveryRecord } from "./delivery-record";
import { inquiryNotFound, PARTY_ROLES } from "./inquiry-access";
import { unreadCounts } from "./inquiry-messages";
import { quoteColumns } from "./inquiry-quotes";

/**
 * The buyer's side-by-side comparison of a demand's inquiries (docs/deals.md): each supplier's
 * latest quote with its terms and the 60-day warning, the distance from the supplier (its listing's
 * site, else the organisation) to the delivery point, its delivery record (null before its first
 * deal) and the certificates valid today.
 */
export async function compareForDemand({ ctx, demandId }: { ctx: OrgContext; demandId: string }) {
  assertRole(ctx, PARTY_ROLES);
  const at = now(ctx);
  const today = chinaToday(at);
  const [demand] = await ctx.db.select().from(demands).where(and(eq(demands.id, demandId), eq(demands.organizationId, ctx.membership.organizationId)));
  if (!demand) throw inquiryNotFound();
  const [buyer] = await ctx.db.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, demand.organizationId));
  const rows = await ctx.db
    .select({
      id: inquiries.id,
      status: inquiries.status,
      source: inquiries.source,
      updatedAt: inquiries.updatedAt,
      listingId: inquiries.listingId,
      listingTitle: listings.title,
      site: { lat: sites.lat, lng: sites.lng, countyAdcode: sites.countyAdcode, cityAdcode: sites.cityAdcode },
      supplier: {
        id: organizations.id,
        nameZh: organizations.nameZh,
        nameEn: organizations.nameEn,
        type: organizations.type,
        smeLevel: organizations.smeLevel,
        verificationState: organizations.verificationState,
        cityAdcode: organizations.cityAdcode,
        countyAdcode: organizations.countyAdcode,
        lat: organizations.lat,
        lng: organizations.lng,
      },
      record: deliveryRecords,
    })
    .from(inquiries)
    .innerJoin(organizations, eq(organizations.id, inquiries.supplierOrgId))
    .leftJoin(listings, eq(listings.id, inquiries.listingId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .leftJoin(deliveryRecords, eq(deliveryRecords.organizationId, inquiries.supplierOrgId))
    .where(eq(inquiries.demandId, demandId))
    .orderBy(inquiries.createdAt, inquiries.id);
  const ids = rows.map((r) => r.id);
  const supplierIds = rows.map((r) => r.supplier.id);
  const latest = new Map(
    (ids.length
      ? await ctx.db
          .selectDistinctOn([quotes.inquiryId], quoteColumns)
          .from(quotes)
          .where(and(inArray(quotes.inquiryId, ids), eq(quotes.author, "supplier")))
          .orderBy(quotes.inquiryId, desc(quotes.revision))
      : []
    ).map((q) => [q.inquiryId, q]),
  );
  const certs = new Map<string, Array<{ id: string; schemeId: string; validTo: string | null; verified: boolean }>>();
  if (supplierIds.length)
    for (const c of await ctx.db.select().from(certifications).where(inArray(certifications.organizationId, supplierIds)).orderBy(certifications.schemeId)) {
      if (!isCertificateValid(c, today)) continue;
      const list = certs.get(c.organizationId) ?? [];
      list.push({ id: c.id, schemeId: c.schemeId, validTo: c.validTo, verified: c.verificationState === "verified" });
      certs.set(c.organizationId, list);
    }
  const unread = await unreadCounts(ctx.db, ctx, ids);
  const deliverTo = locate({ lat: demand.deliverLat, lng: demand.deliverLng, cityAdcode: demand.deliverCityAdcode });
  return {
    demand: {
      id: demand.id,
      title: demand.title,
      status: effectiveDemandStatus(demand.status, demand.quoteDeadline, at),
      quoteDeadline: demand.quoteDeadline,
      deliverCityAdcode: demand.deliverCityAdcode,
      requiredCertifications: demand.requiredCertifications,
    },
    rows: rows.map(({ supplier: s, site, record, ...r }) => {
      const quote = latest.get(r.id) ?? null;
      return {
        inquiryId: r.id,
        status: r.status as InquiryStatus,
        source: r.source,
        updatedAt: r.updatedAt,
        listing: r.listingId ? { id: r.listingId, title: r.listingTitle } : null,
        supplier: { id: s.id, nameZh: s.nameZh, nameEn: s.nameEn, type: s.type, smeLevel: s.smeLevel, verified: s.verificationState === "verified", cityAdcode: s.cityAdcode },
        /** The supplier's latest quote (active, or as it stood when withdrawn, lost or awarded). */
        quote,
        /** The buyer may award it: the supplier's quote is still active. */
        awardable: quote?.status === "active",
        paymentTermsWarning: quote && buyer ? paymentTermsWarning(buyer, s, quote) : false,
        distanceKm: distanceKm(deliverTo, locate(site, s)),
        deliveryRecord: record ? toDeliveryRecord(s.id, record) : null,
        certificates: certs.get(s.id) ?? [],
        unread: unread[r.id] ?? 0,
      };
    }),
  };
}
