import "server-only";
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { adcodeCentre } from "@/domain/matching/geo";
import { evaluateListing, rankListings, toMatchDemand, type Understander } from "@/domain/matching/match";
import { withDetail } from "@/domain/matching/reasons";
import { gradeOfScore } from "@/domain/matching/score";
import { idealTier, prefilter } from "./matching-prefilter";
import type { CandidateCertificate, CandidateListing, DemandJson, MatchDemand, MatchResult, Reason } from "@/domain/matching/types";
import { understandDemand } from "@/domain/matching/understand";
import { certifications, demands, listingCertifications, listings, organizations, sites } from "../db/schema";
import type { Db } from "../db/types";

/**
 * The matcher's data side: loads candidate listings (published, of the demand's chain link, with a
 * process that covers one asked for, a capacity window that can still overlap) with their
 * organisation, own coordinates and certificates, then leaves every hard constraint to the domain.
 */

const candidateColumns = {
  id: listings.id,
  ref: listings.ref,
  kind: listings.kind,
  chainLink: listings.chainLink,
  processes: listings.processes,
  products: listings.products,
  fibers: listings.fibers,
  title: listings.title,
  description: listings.description,
  capacityValue: listings.capacityValue,
  capacityUnit: listings.capacityUnit,
  moqValue: listings.moqValue,
  moqUnit: listings.moqUnit,
  leadTimeDays: listings.leadTimeDays,
  yarnCountNeMin: listings.yarnCountNeMin,
  yarnCountNeMax: listings.yarnCountNeMax,
  gsmMin: listings.gsmMin,
  gsmMax: listings.gsmMax,
  widthCmMax: listings.widthCmMax,
  availableFrom: listings.availableFrom,
  availableTo: listings.availableTo,
  siteLat: sites.lat,
  siteLng: sites.lng,
  siteCity: sites.cityAdcode,
  siteCounty: sites.countyAdcode,
  orgId: organizations.id,
  orgName: organizations.nameZh,
  orgCity: organizations.cityAdcode,
  orgCounty: organizations.countyAdcode,
  orgLat: organizations.lat,
  orgLng: organizations.lng,
  orgVerification: organizations.verificationState,
};

async function loadCandidates(db: Db, where: SQL | undefined): Promise<CandidateListing[]> {
  const rows = await db
    .select(candidateColumns)
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .where(where)
    .orderBy(asc(listings.id));
  const certs = await certificatesByListing(db, rows.map((r) => r.id));
  return rows.map((r): CandidateListing => {
    const own = r.siteLat !== null && r.siteLng !== null ? { lat: r.siteLat, lng: r.siteLng } : r.orgLat !== null && r.orgLng !== null ? { lat: r.orgLat, lng: r.orgLng } : null;
    const cityAdcode = r.siteCity ?? r.orgCity;
    const fallback = !own && cityAdcode ? adcodeCentre(r.siteCounty ?? r.orgCounty ?? cityAdcode) : null;
    return {
      id: r.id,
      ref: r.ref,
      kind: r.kind,
      chainLink: r.chainLink,
      processes: r.processes,
      products: r.products,
      fibers: r.fibers,
      title: r.title,
      description: r.description,
      capacityValue: r.capacityValue,
      capacityUnit: r.capacityUnit,
      moqValue: r.moqValue,
      moqUnit: r.moqUnit,
      leadTimeDays: r.leadTimeDays,
      yarnCountNeMin: r.yarnCountNeMin,
      yarnCountNeMax: r.yarnCountNeMax,
      gsmMin: r.gsmMin,
      gsmMax: r.gsmMax,
      widthCmMax: r.widthCmMax,
      availableFrom: r.availableFrom,
      availableTo: r.availableTo,
      lat: own?.lat ?? fallback?.lat ?? null,
      lng: own?.lng ?? fallback?.lng ?? null,
      cityAdcode,
      countyAdcode: r.siteCounty ?? r.orgCounty,
      company: { id: r.orgId, name: r.orgName, cityAdcode: r.orgCity ?? r.siteCity, verified: r.orgVerification === "verified" },
      certificates: certs.get(r.id) ?? [],
    };
  });
}

async function certificatesByListing(db: Db, ids: string[]): Promise<Map<string, CandidateCertificate[]>> {
  const out = new Map<string, CandidateCertificate[]>();
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const rows = await db
      .select({ listingId: listingCertifications.listingId, schemeId: certifications.schemeId, validFrom: certifications.validFrom, validTo: certifications.validTo, verificationState: certifications.verificationState })
      .from(listingCertifications)
      .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
      .where(inArray(listingCertifications.listingId, chunk));
    for (const { listingId, ...c } of rows) {
      const list = out.get(listingId) ?? [];
      list.push(c);
      out.set(listingId, list);
    }
  }
  return out;
}

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
 * Matches a demand: candidates from the SQL prefilter, every constraint and the score in the domain.
 * With `top`, the candidates that can still be ideal (grade 3, scores ≥ 0.7) are loaded first; when
 * `top` of them are ideal, no other candidate can enter the top (they score ≤ 0.65) and none is
 * loaded. The result is the same as ranking every candidate (__tests__/matching-prefilter.test.ts).
 */
export async function matchDemand(db: Db, demand: MatchDemand, asOf: string, top?: number): Promise<MatchResult> {
  const where = prefilter(demand, asOf);
  if (top === undefined) return rankListings(demand, await loadCandidates(db, where), asOf);
  const tier = idealTier(demand, asOf);
  if (!tier) return rankListings(demand, await loadCandidates(db, where), asOf, top);
  const seen = await loadCandidates(db, and(where, tier));
  const ranked = rankListings(demand, seen, asOf, top);
  if (ranked.results.length === top && gradeOfScore(ranked.results[top - 1]!.score) === 3) return ranked;
  const rest = await loadCandidates(db, and(where, sql`NOT COALESCE(${tier}, false)`));
  return rankListings(demand, [...seen, ...rest], asOf, top);
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
  const [listing] = await loadCandidates(db, and(eq(listings.id, listingId), eq(listings.status, "published")));
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
