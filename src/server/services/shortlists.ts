import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { effectiveDemandStatus } from "@/domain/demand-text";
import type { MatchDemand, Reason } from "@/domain/matching/types";
import { demandSavedListings, demands, listings, organizations } from "../db/schema";
import type { Db } from "../db/types";
import { forbidden, notFound } from "../errors";
import { assertRole } from "./authz";
import { placementOf } from "./billing-limits";
import { now, type OrgContext } from "./context";
import { demandRowToMatchDemand, demandsForListing, matchDemand } from "./matching";

/**
 * Explained shortlists over the matcher: a buyer's demand → the suppliers that fit it, and a
 * supplier's published listings → the open public demands they can serve. The matcher (domain)
 * decides every hard constraint, this file adds authorisation and display data, and lets the buyer
 * save suppliers on a demand's shortlist (demand_saved_listings).
 */

const READERS = ["owner", "admin", "member"] as const;

export interface ShortlistItem {
  rank: number;
  listingId: string;
  listingTitle: string;
  listingKind: "capability" | "capacity";
  organization: { id: string; nameZh: string; nameEn: string | null; verified: boolean; cityAdcode: string | null };
  cityAdcode: string | null;
  distanceKm: number | null;
  score: number;
  reasons: Reason[];
  /** The buyer organisation saved this listing on the demand. */
  saved: boolean;
}

/** A constraint of the demand, and how many listings would fit without it (empty shortlists only). */
export interface Blocker {
  constraint: "maxDistance" | "certifications" | "needBy" | "quantity" | "spec" | "fibers" | "processes";
  count: number;
}

export interface Shortlist {
  asOf: string;
  demandId: string;
  items: ShortlistItem[];
  blockers: Blocker[];
}

const RELAXATIONS: Array<[Blocker["constraint"], (d: MatchDemand) => MatchDemand | null]> = [
  ["maxDistance", (d) => (d.maxDistanceKm !== undefined ? { ...d, maxDistanceKm: undefined } : null)],
  ["certifications", (d) => (d.requiredCertifications.length ? { ...d, requiredCertifications: [] } : null)],
  ["needBy", (d) => (d.needBy ? { ...d, needBy: undefined } : null)],
  ["quantity", (d) => (d.quantity ? { ...d, quantity: undefined } : null)],
  ["spec", (d) => (d.spec.yarnCountNe !== undefined || d.spec.gsm !== undefined || d.spec.widthCm !== undefined ? { ...d, spec: {} } : null)],
  ["fibers", (d) => (d.fibers.length ? { ...d, fibers: [] } : null)],
  ["processes", (d) => (d.processes.length && d.chainLink ? { ...d, processes: [] } : null)],
];

/**
 * The ranked shortlist of a demand, for the buyer organisation's members only (the active
 * organisation must be the buyer): suppliers must not learn who else is on it. Another
 * organisation gets NOT_FOUND for an invited demand and FORBIDDEN for a public one. The buyer's own
 * listings are left out.
 */
export async function shortlistForDemand({ ctx, demandId, top = 20 }: { ctx: OrgContext; demandId: string; top?: number }): Promise<Shortlist> {
  const row = await ownDemand(ctx, ctx.db, demandId);
  const asOf = chinaToday(now(ctx));
  const demand = demandRowToMatchDemand(row);
  const own = ctx.membership.organizationId;
  // The buyer's own listings are left out: ask the matcher for that many more.
  const ownIds = new Set((await ctx.db.select({ id: listings.id }).from(listings).where(eq(listings.organizationId, own))).map((l) => l.id));
  const result = await matchDemand(ctx.db, demand, asOf, top + ownIds.size);
  const ids = result.results.map((r) => r.listingId);
  const info = new Map(
    (ids.length
      ? await ctx.db
          .select({
            id: listings.id,
            title: listings.title,
            kind: listings.kind,
            orgId: organizations.id,
            nameZh: organizations.nameZh,
            nameEn: organizations.nameEn,
            verificationState: organizations.verificationState,
            orgCity: organizations.cityAdcode,
          })
          .from(listings)
          .innerJoin(organizations, eq(organizations.id, listings.organizationId))
          .where(inArray(listings.id, ids))
      : []
    ).map((l) => [l.id, l]),
  );
  const saved = new Set(
    ids.length
      ? (await ctx.db.select({ id: demandSavedListings.listingId }).from(demandSavedListings).where(and(eq(demandSavedListings.demandId, demandId), inArray(demandSavedListings.listingId, ids)))).map((x) => x.id)
      : [],
  );
  const items: ShortlistItem[] = [];
  for (const r of result.results) {
    const l = info.get(r.listingId);
    if (!l || l.orgId === own) continue;
    items.push({
      rank: items.length + 1,
      listingId: r.listingId,
      listingTitle: l.title,
      listingKind: l.kind,
      organization: { id: l.orgId, nameZh: l.nameZh, nameEn: l.nameEn, verified: l.verificationState === "verified", cityAdcode: l.orgCity },
      cityAdcode: r.company.cityAdcode,
      distanceKm: r.distanceKm,
      score: r.score,
      reasons: r.reasons,
      saved: saved.has(r.listingId),
    });
    if (items.length >= top) break;
  }
  const blockers: Blocker[] = [];
  if (items.length === 0) {
    for (const [constraint, relax] of RELAXATIONS) {
      const relaxed = relax(demand);
      if (!relaxed) continue;
      const r = await matchDemand(ctx.db, relaxed, asOf);
      blockers.push({ constraint, count: r.results.filter((x) => !ownIds.has(x.listingId)).length });
    }
  }
  blockers.sort((a, b) => b.count - a.count);
  return { asOf, demandId, items, blockers };
}

/**
 * The demand, if it belongs to the active organisation (members of any role). Another organisation
 * gets NOT_FOUND for an invited demand and FORBIDDEN for a public one.
 */
async function ownDemand(ctx: OrgContext, db: Db, demandId: string) {
  assertRole(ctx, READERS);
  const [row] = await db.select().from(demands).where(eq(demands.id, demandId));
  if (!row) throw notFound("notFound");
  if (row.organizationId !== ctx.membership.organizationId) {
    if (row.visibility !== "public") throw notFound("notFound");
    throw forbidden("forbidden");
  }
  return row;
}

/**
 * Saves (or unsaves) a supplier's listing on one of the active organisation's demands. Saving needs
 * a published listing (NOT_FOUND otherwise); saving twice or unsaving what is not saved is a no-op.
 * Unsaving works whatever the listing's state, so a paused listing can still be removed.
 */
export async function setSavedListing({ ctx, demandId, listingId, saved }: { ctx: OrgContext; demandId: string; listingId: string; saved: boolean }): Promise<{ demandId: string; listingId: string; saved: boolean }> {
  return ctx.db.transaction(async (tx) => {
    await ownDemand(ctx, tx, demandId);
    if (saved) {
      const [l] = await tx.select({ id: listings.id }).from(listings).where(and(eq(listings.id, listingId), eq(listings.status, "published")));
      if (!l) throw notFound("notFound");
      await tx.insert(demandSavedListings).values({ demandId, listingId, savedBy: ctx.actor.userId, createdAt: now(ctx) }).onConflictDoNothing();
    } else {
      await tx.delete(demandSavedListings).where(and(eq(demandSavedListings.demandId, demandId), eq(demandSavedListings.listingId, listingId)));
    }
    return { demandId, listingId, saved };
  });
}

export interface DemandThatFits {
  demandId: string;
  title: string;
  buyer: { id: string; nameZh: string; nameEn: string | null; verified: boolean };
  deliverCityAdcode: string | null;
  needBy: string | null;
  quoteDeadline: Date | null;
  quantityInputValue: number | null;
  quantityInputUnit: string | null;
  score: number;
  distanceKm: number | null;
  reasons: Reason[];
  /** The buyer's plan has priorityPlacement: listed first among the demands that fit (docs/billing.md "Placement"). */
  priority: boolean;
  /** The active organisation's listing that fits best. */
  listing: { id: string; title: string };
  /** Its other listings that fit too. */
  otherListings: Array<{ id: string; title: string }>;
}

const MAX_LISTINGS = 200;

/**
 * "Demands that fit you": the open public demands (quote deadline not passed) that one of the
 * active organisation's published listings can serve: those of buyers whose plan has
 * priorityPlacement first, then best fit first. Only demands the matcher found fitting are ever
 * listed; priority reorders them, it never adds one. Invited demands and the organisation's own
 * demands are never returned.
 */
export async function demandsForMyListings({ ctx, top = 50 }: { ctx: OrgContext; top?: number }): Promise<{ asOf: string; listingCount: number; items: DemandThatFits[] }> {
  assertRole(ctx, READERS);
  const at = now(ctx);
  const asOf = chinaToday(at);
  const own = ctx.membership.organizationId;
  const mine = await ctx.db
    .select({ id: listings.id, title: listings.title })
    .from(listings)
    .where(and(eq(listings.organizationId, own), eq(listings.status, "published")))
    .orderBy(listings.id)
    .limit(MAX_LISTINGS);
  const best = new Map<string, { fit: Awaited<ReturnType<typeof demandsForListing>>[number]; listing: { id: string; title: string }; others: Array<{ id: string; title: string }> }>();
  for (const l of mine) {
    for (const fit of await demandsForListing(ctx.db, l.id, { asOf })) {
      if (fit.organizationId === own) continue;
      const seen = best.get(fit.demandId);
      if (!seen) best.set(fit.demandId, { fit, listing: l, others: [] });
      else if (fit.score > seen.fit.score) best.set(fit.demandId, { fit, listing: l, others: [...seen.others, seen.listing] });
      else seen.others.push(l);
    }
  }
  if (best.size === 0) return { asOf, listingCount: mine.length, items: [] };
  const rows = await ctx.db
    .select({ demand: demands, buyerId: organizations.id, nameZh: organizations.nameZh, nameEn: organizations.nameEn, verificationState: organizations.verificationState })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.organizationId))
    .where(and(inArray(demands.id, [...best.keys()]), eq(demands.visibility, "public")));
  const placement = await placementOf(ctx.db, rows.map((r) => r.buyerId), at);
  const items: DemandThatFits[] = [];
  for (const { demand: d, ...buyer } of rows) {
    if (d.organizationId === own || effectiveDemandStatus(d.status, d.quoteDeadline, at) !== "open") continue;
    const b = best.get(d.id)!;
    items.push({
      demandId: d.id,
      title: d.title,
      buyer: { id: buyer.buyerId, nameZh: buyer.nameZh, nameEn: buyer.nameEn, verified: buyer.verificationState === "verified" },
      deliverCityAdcode: d.deliverCityAdcode,
      needBy: d.needBy,
      quoteDeadline: d.quoteDeadline,
      quantityInputValue: d.quantityInputValue,
      quantityInputUnit: d.quantityInputUnit,
      score: b.fit.score,
      distanceKm: b.fit.distanceKm,
      reasons: b.fit.reasons,
      priority: placement.get(d.organizationId)?.priority ?? false,
      listing: b.listing,
      otherListings: b.others,
    });
  }
  items.sort((a, b) => Number(b.priority) - Number(a.priority) || b.score - a.score || a.demandId.localeCompare(b.demandId));
  return { asOf, listingCount: mine.length, items: items.slice(0, top) };
}
