import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { listingReports, listings, organizations, users } from "../db/schema";
import { DomainError } from "../errors";
import { enqueueSearchUpdate } from "../search/outbox";
import { writeAudit } from "./audit";
import { now, type AuthedContext } from "./context";

/** Any signed-in user may report a published listing; one open report per person and listing. */
export async function reportListing({ ctx, input }: { ctx: AuthedContext; input: { listingId: string; reason: string } }) {
  return ctx.db.transaction(async (tx) => {
    const [listing] = await tx.select({ id: listings.id, status: listings.status, organizationId: listings.organizationId }).from(listings).where(eq(listings.id, input.listingId));
    if (!listing || listing.status !== "published") throw new DomainError("NOT_FOUND", "listings.errors.notFound");
    const [open] = await tx
      .select({ id: listingReports.id })
      .from(listingReports)
      .where(and(eq(listingReports.listingId, listing.id), eq(listingReports.reporterUserId, ctx.actor.userId), eq(listingReports.status, "open")));
    if (open) throw new DomainError("CONFLICT", "listings.errors.alreadyReported");
    const [report] = await tx
      .insert(listingReports)
      .values({ listingId: listing.id, reporterUserId: ctx.actor.userId, reason: input.reason.trim(), createdAt: now(ctx) })
      .returning({ id: listingReports.id });
    await writeAudit(tx, { organizationId: listing.organizationId, actorUserId: ctx.actor.userId, action: "listing.reported", entityType: "listing", entityId: listing.id, changes: { reportId: report!.id } });
    return { id: report!.id };
  });
}

/** Platform admins: open reports, oldest first, with the listing and its organisation. */
export async function listOpenReports({ ctx }: { ctx: AuthedContext }) {
  return ctx.db
    .select({
      id: listingReports.id,
      reason: listingReports.reason,
      createdAt: listingReports.createdAt,
      listingId: listings.id,
      listingTitle: listings.title,
      listingStatus: listings.status,
      orgId: organizations.id,
      orgNameZh: organizations.nameZh,
      orgNameEn: organizations.nameEn,
      reporterName: users.name,
      reporterEmail: users.email,
    })
    .from(listingReports)
    .innerJoin(listings, eq(listings.id, listingReports.listingId))
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(users, eq(users.id, listingReports.reporterUserId))
    .where(eq(listingReports.status, "open"))
    .orderBy(asc(listingReports.createdAt))
    .limit(200);
}

/**
 * Dismiss a report, or pause the listing it is about (which closes every open report on that
 * listing: the firm fixes it and publishes again).
 */
export async function resolveReport({ ctx, input }: { ctx: AuthedContext; input: { reportId: string; action: "dismiss" | "pause" } }) {
  return ctx.db.transaction(async (tx) => {
    const [report] = await tx.select().from(listingReports).where(eq(listingReports.id, input.reportId)).for("update");
    if (!report) throw new DomainError("NOT_FOUND", "listings.errors.reportNotFound");
    if (report.status !== "open") throw new DomainError("CONFLICT", "listings.errors.reportClosed");
    const [listing] = await tx.select().from(listings).where(eq(listings.id, report.listingId)).for("update");
    if (!listing) throw new DomainError("NOT_FOUND", "listings.errors.notFound");
    const at = now(ctx);
    if (input.action === "dismiss") {
      await tx.update(listingReports).set({ status: "dismissed", resolvedAt: at }).where(eq(listingReports.id, report.id));
    } else {
      if (listing.status === "published") {
        await tx.update(listings).set({ status: "paused", version: listing.version + 1, updatedAt: at }).where(eq(listings.id, listing.id));
        await enqueueSearchUpdate(tx, { entity: "listing", entityId: listing.id, version: listing.version + 1, op: "upsert" });
      }
      await tx
        .update(listingReports)
        .set({ status: "actioned", resolvedAt: at })
        .where(and(eq(listingReports.listingId, listing.id), eq(listingReports.status, "open")));
    }
    await writeAudit(tx, {
      organizationId: listing.organizationId,
      actorUserId: ctx.actor.userId,
      action: input.action === "dismiss" ? "listing.reportDismissed" : "listing.pausedByAdmin",
      entityType: "listing",
      entityId: listing.id,
      changes: { reportId: report.id, ...(input.action === "pause" ? { status: [listing.status, listing.status === "published" ? "paused" : listing.status] } : {}) },
    });
    return { id: report.id, action: input.action };
  });
}
