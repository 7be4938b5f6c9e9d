import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { InquiryStatus } from "@/domain/deals/inquiry-rules";
import { deals, demands, inquiries, listings, organizations } from "../db/schema";
import { DomainError, type DomainErrorCode } from "../errors";
import { writeAudit } from "./audit";
import { assertRole } from "./authz";
import { assertEntitled } from "./billing-limits";
import { now, type OrgContext } from "./context";
import { assertQuotable, lockDemand, orgSummaries, PARTY_ROLES } from "./inquiry-access";
import { notify } from "./notifications";

/**
 * Introductions (引荐, issue 6): a service centre puts a supplier in front of a buyer's public open
 * demand with a note. The introduction is an inquiry (source `introduced`, status `invited`,
 * `introduced_by_org_id` = the centre) so it runs through quotes and the award like any other; the
 * deal it ends in carries the centre (inquiry-award.ts), which may then read it.
 */

const introError = (code: DomainErrorCode, key: string, field?: string) => new DomainError(code, `introductions.errors.${key}`, {}, field);

/** Only service centres introduce; their owner, admins and members may. */
async function assertServiceCentre(ctx: OrgContext) {
  assertRole(ctx, PARTY_ROLES);
  const [org] = await ctx.db.select({ type: organizations.type, nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, ctx.membership.organizationId));
  if (org?.type !== "service_center") throw introError("FORBIDDEN", "notServiceCentre");
  return org;
}

export async function createIntroduction({ ctx, demandId, supplierOrgId, listingId, note }: { ctx: OrgContext; demandId: string; supplierOrgId: string; listingId?: string; note: string }) {
  const centre = await assertServiceCentre(ctx);
  const centreId = ctx.membership.organizationId;
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    // Introducing is a brokering tool of the service-centre plan (docs/billing.md).
    await assertEntitled(tx, centreId, "brokeringTools", at);
    const demand = await lockDemand(tx, demandId);
    // A centre sees public demands only, as everyone else does.
    if (demand.visibility !== "public" && demand.organizationId !== centreId) throw introError("NOT_FOUND", "demandNotFound");
    assertQuotable(demand, at);
    if (supplierOrgId === demand.organizationId) throw introError("INVALID", "supplierIsBuyer", "supplierOrgId");
    const [supplier] = await tx.select({ id: organizations.id, nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, supplierOrgId));
    if (!supplier) throw introError("NOT_FOUND", "supplierNotFound", "supplierOrgId");
    if (listingId) {
      const [l] = await tx.select({ id: listings.id }).from(listings).where(and(eq(listings.id, listingId), eq(listings.organizationId, supplierOrgId), eq(listings.status, "published")));
      if (!l) throw introError("INVALID", "listingNotPublished", "listingId");
    }
    const [inquiry] = await tx
      .insert(inquiries)
      .values({
        demandId,
        buyerOrgId: demand.organizationId,
        supplierOrgId,
        listingId: listingId ?? null,
        source: "introduced",
        status: "invited",
        introducedByOrgId: centreId,
        note,
        createdBy: ctx.actor.userId,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing({ target: [inquiries.demandId, inquiries.supplierOrgId] })
      .returning();
    if (!inquiry) throw introError("CONFLICT", "alreadyInquired", "supplierOrgId");
    const [buyer] = await tx.select({ nameZh: organizations.nameZh }).from(organizations).where(eq(organizations.id, demand.organizationId));
    await writeAudit(tx, {
      organizationId: centreId,
      actorUserId: ctx.actor.userId,
      action: "introduction.create",
      entityType: "inquiry",
      entityId: inquiry.id,
      changes: { demandId, supplierOrgId, listingId: listingId ?? null },
    });
    const params = { centre: centre.nameZh, demand: demand.title, buyer: buyer?.nameZh ?? "", supplier: supplier.nameZh, note };
    for (const [organizationId, link] of [
      [supplierOrgId, `/inquiries/${inquiry.id}`],
      [demand.organizationId, `/demands/${demandId}`],
    ] as const)
      await notify(tx, { organizationId, kind: "introduced", params, link, dedupeKey: `introduced:${inquiry.id}` });
    return { inquiryId: inquiry.id };
  });
}

/** The centre's introductions, newest first: both firms, the inquiry's status and the deal, if any. */
export async function listMyIntroductions({ ctx }: { ctx: OrgContext }) {
  await assertServiceCentre(ctx);
  const rows = await ctx.db
    .select({
      id: inquiries.id,
      status: inquiries.status,
      note: inquiries.note,
      createdAt: inquiries.createdAt,
      buyerOrgId: inquiries.buyerOrgId,
      supplierOrgId: inquiries.supplierOrgId,
      demandId: demands.id,
      demandTitle: demands.title,
    })
    .from(inquiries)
    .innerJoin(demands, eq(demands.id, inquiries.demandId))
    .where(and(eq(inquiries.introducedByOrgId, ctx.membership.organizationId), eq(inquiries.source, "introduced")))
    .orderBy(desc(inquiries.createdAt), desc(inquiries.id))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const dealRows = ids.length
    ? await ctx.db.select({ id: deals.id, inquiryId: deals.inquiryId, status: deals.status, amountFen: deals.amountFen }).from(deals).where(inArray(deals.inquiryId, ids))
    : [];
  const dealOf = new Map(dealRows.map((d) => [d.inquiryId, { id: d.id, status: d.status, amountFen: d.amountFen }]));
  const orgs = await orgSummaries(ctx.db, rows.flatMap((r) => [r.buyerOrgId, r.supplierOrgId]));
  return rows.map((r) => ({
    id: r.id,
    status: r.status as InquiryStatus,
    note: r.note,
    createdAt: r.createdAt,
    demand: { id: r.demandId, title: r.demandTitle },
    buyer: orgs.get(r.buyerOrgId)!,
    supplier: orgs.get(r.supplierOrgId)!,
    deal: dealOf.get(r.id) ?? null,
  }));
}
