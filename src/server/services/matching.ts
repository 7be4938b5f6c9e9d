import "server-only";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { adcodeCentre } from "@/domain/matching/geo";
import { evaluateListing, toMatchDemand, type Understander } from "@/domain/matching/match";
import { withDetail } from "@/domain/matching/reasons";
import type { DemandJson, MatchDemand, MatchResult, Reason } from "@/domain/matching/types";
import { understandDemand } from "@/domain/matching/understand";
import { demands } from "../db/schema";
import type { Db } from "../db/types";
import { indexedListing, rankMarket } from "./matching-index";

/**
 * The matcher's service side: demands are ranked over the in-process candidate index
 * (matching-index.ts), which holds every published listing with its organisation, own coordinates
 * and certificates and is brought up to date from the database's change feed before each match;
 * every hard constraint and the score stay in the domain.
 */

export interface MatchOptions {
  asOf?: string;
  top?: number;
  understand?: Understander;
}

/** Matches one Demand JSON against the market (formats §4). */
export async function matchDemandJson(db: Db, input: DemandJson, opts: MatchOptions = {}): Promise<MatchResult> {
  const asOf = opts.asOf ?? chinaToday();
  const demand = toMatchDemand(input, { asOf, understand: opts.understand });
  return matchDemand(db, demand, asOf, opts.top);
}

/**
 * Matches a demand over the published listings as of now (the index equals the database at one
 * snapshot, taken after every change committed before the call). With `top`, only the listings
 * whose score bound can still reach the top are evaluated; the result is the same as ranking every
 * candidate (__tests__/matching-index.test.ts).
 */
export async function matchDemand(db: Db, demand: MatchDemand, asOf: string, top?: number): Promise<MatchResult> {
  return rankMarket(db, demand, asOf, top);
}

type DemandRow = typeof demands.$inferSelect;

/** A stored demand → the matcher's demand (quantities are stored canonical). */
export function demandRowToMatchDemand(row: DemandRow): MatchDemand {
  // Stored demands keep their structured fields; the text only adds the places it names and terms.
  const reading = understandDemand({ chainLink: row.chainLink, text: `${row.title} ${row.text ?? ""}` });
  let deliverTo: MatchDemand["deliverTo"];
  if (row.deliverLat !== null && row.deliverLng !== null) deliverTo = { lat: row.deliverLat, lng: row.deliverLng, cityAdcode: row.deliverCityAdcode ?? undefined };
  else if (row.deliverCityAdcode) {
    const c = adcodeCentre(row.deliverCityAdcode);
    if (c) deliverTo = { lat: c.lat, lng: c.lng, cityAdcode: row.deliverCityAdcode };
  }
  return {
    chainLink: row.chainLink ?? undefined,
    processes: row.processes,
    products: row.products,
    fibers: row.fibers,
    requiredCertifications: row.requiredCertifications,
    quantity: row.quantityValue !== null && row.quantityUnit ? { value: row.quantityValue, unit: row.quantityUnit } : undefined,
    needBy: row.needBy ?? undefined,
    deliverTo,
    namedPlaces: reading.namedPlaces,
    spec: { yarnCountNe: row.yarnCountNe ?? undefined, gsm: row.gsm ?? undefined, widthCm: row.widthCm ?? undefined },
    maxDistanceKm: row.maxDistanceKm ?? undefined,
    terms: reading.terms,
  };
}

export interface DemandFit {
  demandId: string;
  title: string;
  organizationId: string;
  score: number;
  distanceKm: number | null;
  reasons: Reason[];
}

/**
 * The reverse question: the open demands a published listing can serve, best first, by the same
 * domain checks. Demands of the listing's own organisation are left out.
 */
export async function demandsForListing(db: Db, listingId: string, opts: { asOf?: string; top?: number } = {}): Promise<DemandFit[]> {
  const asOf = opts.asOf ?? chinaToday();
  const listing = await indexedListing(db, listingId);
  if (!listing) return [];
  const rows = await db
    .select()
    .from(demands)
    .where(
      and(
        eq(demands.status, "open"),
        or(isNull(demands.chainLink), eq(demands.chainLink, listing.chainLink)),
        or(isNull(demands.needBy), sql`${demands.needBy} > ${asOf}::date`),
        sql`${demands.organizationId} <> ${listing.company.id}`,
      ),
    );
  const fits: DemandFit[] = [];
  for (const row of rows) {
    const d = demandRowToMatchDemand(row);
    if (!d.chainLink && d.processes.length === 0) continue;
    const e = evaluateListing(d, listing, asOf);
    if (e.pass) fits.push({ demandId: row.id, title: row.title, organizationId: row.organizationId, score: e.score, distanceKm: e.distanceKm, reasons: e.reasons.map(withDetail) });
  }
  fits.sort((a, b) => b.score - a.score || a.demandId.localeCompare(b.demandId));
  return opts.top !== undefined ? fits.slice(0, opts.top) : fits;
}
