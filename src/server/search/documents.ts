import "server-only";
import { and, asc, eq, gt, inArray, type SQL } from "drizzle-orm";
import { effectivePlan, entitlementsOf, type PlanId } from "@/domain/billing/plans";
import { isCertificateValid } from "@/domain/certificates";
import {
  defaultCoordinates,
  fiberAncestors,
  getCertification,
  getChainLink,
  getCity,
  getCounty,
  getFiber,
  getProcess,
  getProduct,
  impliedProcesses,
} from "@/domain/taxonomy";
import type { Db } from "../db/types";
import { certifications, demands, listingCertifications, listings, organizations, sites, subscriptions } from "../db/schema";

/**
 * What the external index stores per listing and demand. Flat, filterable values (ids, adcodes,
 * yyyymmdd day numbers, canonical amounts), localized text fields (`*Zh` segmented as Chinese,
 * `*En` as English), and the taxonomy names of the codes (`terms*`) so "涤纶" or "polyester" finds a
 * listing whose fibres say `polyester` even when its title does not.
 */
export interface GeoPoint {
  lat: number;
  lng: number;
}

interface TextFields {
  titleZh: string | null;
  titleEn: string | null;
  descriptionZh: string | null;
  descriptionEn: string | null;
  termsZh: string[];
  termsEn: string[];
  orgNameZh: string;
  orgNameEn: string | null;
}

export interface ListingDocument extends TextFields {
  id: string;
  kind: "capability" | "capacity";
  status: "draft" | "published" | "paused" | "archived";
  organizationId: string;
  orgVerified: boolean;
  /** The organisation's plan has `featuredListings` (at indexing time): a small relevance boost and a 推荐 badge. */
  orgFeatured: boolean;
  ref: string | null;
  chainLink: string;
  processes: string[];
  /** processes plus what they imply (ODM covers sewing): what a "can do X" filter should test. */
  processesCovered: string[];
  products: string[];
  fibers: string[];
  /** fibres plus their ancestors (organic cotton is cotton). */
  fibersCovered: string[];
  cityAdcode: string | null;
  countyAdcode: string | null;
  _geo: GeoPoint | null;
  /** Certification scheme ids valid on the indexing day (the matcher re-checks on its own date). */
  certifications: string[];
  /** yyyymmdd, capacity listings only. */
  availableFrom: number | null;
  availableTo: number | null;
  capacityValue: number;
  capacityUnit: string;
  moqValue: number | null;
  moqUnit: string | null;
  leadTimeDays: number | null;
  yarnCountNeMin: number | null;
  yarnCountNeMax: number | null;
  gsmMin: number | null;
  gsmMax: number | null;
  widthCmMax: number | null;
  safetyClass: string | null;
  version: number;
  updatedAt: number;
}

export interface DemandDocument extends TextFields {
  id: string;
  status: "open" | "closed" | "awarded" | "expired";
  visibility: "public" | "invited";
  organizationId: string;
  orgVerified: boolean;
  /** The organisation's plan has `priorityPlacement` (at indexing time): a small relevance boost and a 优先展示 badge. */
  orgPriority: boolean;
  chainLink: string | null;
  processes: string[];
  products: string[];
  fibers: string[];
  requiredCertifications: string[];
  cityAdcode: string | null;
  _geo: GeoPoint | null;
  /** yyyymmdd */
  needBy: number | null;
  /** epoch milliseconds */
  quoteDeadline: number | null;
  quantityValue: number | null;
  quantityUnit: string | null;
  yarnCountNe: number | null;
  gsm: number | null;
  widthCm: number | null;
  maxDistanceKm: number | null;
  safetyClass: string | null;
  version: number;
  updatedAt: number;
}

/** "2026-03-01" → 20260301 (numbers are what Meilisearch compares and ranges on). */
export function dayNumber(date: string | null): number | null {
  if (!date) return null;
  const n = Number(date.slice(0, 10).replace(/-/g, ""));
  return Number.isInteger(n) ? n : null;
}

const HAN = /\p{Script=Han}/u;

/** Free text goes to the Chinese field when it has any Han character, else to the English one. */
function byScript(text: string | null | undefined): { zh: string | null; en: string | null } {
  const t = text?.trim();
  if (!t) return { zh: null, en: null };
  return HAN.test(t) ? { zh: t, en: null } : { zh: null, en: t };
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/** Chinese and English taxonomy names for the codes a document carries. */
export function taxonomyTerms(codes: {
  chainLink?: string | null;
  processes?: readonly string[];
  products?: readonly string[];
  fibers?: readonly string[];
  certifications?: readonly string[];
  cityAdcode?: string | null;
  countyAdcode?: string | null;
}): { zh: string[]; en: string[] } {
  const named: { zh: string; en?: string; name?: string }[] = [];
  const link = codes.chainLink ? getChainLink(codes.chainLink) : undefined;
  if (link) named.push(link);
  for (const id of codes.processes ?? []) {
    const p = getProcess(id);
    if (p) named.push(p.process);
  }
  for (const id of codes.products ?? []) {
    const p = getProduct(id);
    if (p) named.push(p);
  }
  for (const id of codes.fibers ?? []) {
    const fiber = getFiber(id);
    if (fiber) named.push(fiber, ...fiberAncestors(id));
  }
  for (const id of codes.certifications ?? []) {
    const c = getCertification(id);
    if (c) named.push(c);
  }
  const city = codes.cityAdcode ? getCity(codes.cityAdcode) : undefined;
  if (city) named.push(city);
  const county = codes.countyAdcode ? getCounty(codes.countyAdcode) : undefined;
  if (county) named.push(county);
  return {
    zh: uniq(named.map((n) => n.zh)),
    en: uniq(named.map((n) => n.en ?? n.name).filter((s): s is string => Boolean(s))),
  };
}

function geo(lat: number | null, lng: number | null, place: { cityAdcode: string | null; countyAdcode: string | null }): GeoPoint | null {
  if (lat !== null && lng !== null) return { lat, lng };
  if (!place.cityAdcode && !place.countyAdcode) return null;
  return defaultCoordinates({ provinceAdcode: "370000", cityAdcode: place.cityAdcode ?? undefined, countyAdcode: place.countyAdcode ?? undefined });
}

/** The organisation's effective plan when its rows were read (absent: free). */
type WithPlan = { plan?: PlanId };

export interface ListingRow {
  listing: typeof listings.$inferSelect;
  org: { nameZh: string; nameEn: string | null; verificationState: string; cityAdcode: string | null; countyAdcode: string | null; lat: number | null; lng: number | null } & WithPlan;
  site: { cityAdcode: string | null; countyAdcode: string | null; lat: number | null; lng: number | null } | null;
  certificates: { schemeId: string; verificationState: string; validFrom: string | null; validTo: string | null }[];
}

/** Pure: a listing (with its organisation, site and certificates) as the index stores it on `today`. */
export function listingDocument({ listing: l, org, site, certificates }: ListingRow, today: string): ListingDocument {
  // The site wins over the organisation's address, as on the listing's page.
  const cityAdcode = site?.cityAdcode ?? org.cityAdcode;
  const countyAdcode = site?.cityAdcode ? site.countyAdcode : (site?.countyAdcode ?? org.countyAdcode);
  const point = site?.lat != null && site.lng != null ? { lat: site.lat, lng: site.lng } : org.lat != null && org.lng != null ? { lat: org.lat, lng: org.lng } : null;
  const valid = uniq(certificates.filter((c) => isCertificateValid(c, today)).map((c) => c.schemeId)).sort();
  const title = byScript(l.title);
  const description = byScript(l.description);
  const terms = taxonomyTerms({ ...l, certifications: valid, cityAdcode, countyAdcode });
  return {
    id: l.id,
    kind: l.kind,
    status: l.status,
    organizationId: l.organizationId,
    orgVerified: org.verificationState === "verified",
    orgFeatured: entitlementsOf(org.plan ?? "free").featuredListings,
    orgNameZh: org.nameZh,
    orgNameEn: org.nameEn,
    ref: l.ref,
    chainLink: l.chainLink,
    processes: l.processes,
    processesCovered: uniq([...l.processes, ...l.processes.flatMap(impliedProcesses)]),
    products: l.products,
    fibers: l.fibers,
    fibersCovered: uniq([...l.fibers, ...l.fibers.flatMap((id) => fiberAncestors(id).map((a) => a.id))]),
    cityAdcode,
    countyAdcode,
    _geo: geo(point?.lat ?? null, point?.lng ?? null, { cityAdcode, countyAdcode }),
    certifications: valid,
    availableFrom: l.kind === "capacity" ? dayNumber(l.availableFrom) : null,
    availableTo: l.kind === "capacity" ? dayNumber(l.availableTo) : null,
    capacityValue: l.capacityValue,
    capacityUnit: l.capacityUnit,
    moqValue: l.moqValue,
    moqUnit: l.moqUnit,
    leadTimeDays: l.leadTimeDays,
    yarnCountNeMin: l.yarnCountNeMin,
    yarnCountNeMax: l.yarnCountNeMax,
    gsmMin: l.gsmMin,
    gsmMax: l.gsmMax,
    widthCmMax: l.widthCmMax,
    safetyClass: l.safetyClass,
    // An explicit English title wins; a title typed in English fills the field when there is none.
    titleZh: title.zh,
    titleEn: l.titleEn ?? title.en,
    descriptionZh: description.zh,
    descriptionEn: l.descriptionEn ?? description.en,
    termsZh: terms.zh,
    termsEn: terms.en,
    version: l.version,
    updatedAt: l.updatedAt.getTime(),
  };
}

export interface DemandRow {
  demand: typeof demands.$inferSelect;
  org: { nameZh: string; nameEn: string | null; verificationState: string } & WithPlan;
}

/** Pure: a demand as the index stores it. */
export function demandDocument({ demand: d, org }: DemandRow): DemandDocument {
  const title = byScript(d.title);
  const text = byScript(d.text);
  const terms = taxonomyTerms({ ...d, certifications: d.requiredCertifications, cityAdcode: d.deliverCityAdcode });
  return {
    id: d.id,
    status: d.status,
    visibility: d.visibility,
    organizationId: d.organizationId,
    orgVerified: org.verificationState === "verified",
    orgPriority: entitlementsOf(org.plan ?? "free").priorityPlacement,
    orgNameZh: org.nameZh,
    orgNameEn: org.nameEn,
    chainLink: d.chainLink,
    processes: d.processes,
    products: d.products,
    fibers: d.fibers,
    requiredCertifications: d.requiredCertifications,
    cityAdcode: d.deliverCityAdcode,
    _geo: geo(d.deliverLat, d.deliverLng, { cityAdcode: d.deliverCityAdcode, countyAdcode: null }),
    needBy: dayNumber(d.needBy),
    quoteDeadline: d.quoteDeadline?.getTime() ?? null,
    quantityValue: d.quantityValue,
    quantityUnit: d.quantityUnit,
    yarnCountNe: d.yarnCountNe,
    gsm: d.gsm,
    widthCm: d.widthCm,
    maxDistanceKm: d.maxDistanceKm,
    safetyClass: d.safetyClass,
    titleZh: title.zh,
    titleEn: title.en,
    descriptionZh: text.zh,
    descriptionEn: text.en,
    termsZh: terms.zh,
    termsEn: terms.en,
    version: d.version,
    updatedAt: d.updatedAt.getTime(),
  };
}

const orgFields = {
  nameZh: organizations.nameZh,
  nameEn: organizations.nameEn,
  verificationState: organizations.verificationState,
  cityAdcode: organizations.cityAdcode,
  countyAdcode: organizations.countyAdcode,
  lat: organizations.lat,
  lng: organizations.lng,
};

/**
 * The organisation's subscription row, joined so each document knows the plan it gives now (no
 * row: free; billing-limits.ts#planOf reads the same row): placement follows the plan at indexing time.
 */
const subscriptionFields = {
  plan: subscriptions.plan,
  status: subscriptions.status,
  source: subscriptions.source,
  currentPeriodEnd: subscriptions.currentPeriodEnd,
};

async function listingRows(db: Db, where: SQL | undefined, limit?: number): Promise<ListingRow[]> {
  let q = db
    .select({ listing: listings, org: orgFields, sub: subscriptionFields, siteCity: sites.cityAdcode, siteCounty: sites.countyAdcode, siteLat: sites.lat, siteLng: sites.lng, siteId: sites.id })
    .from(listings)
    .innerJoin(organizations, eq(organizations.id, listings.organizationId))
    .leftJoin(sites, eq(sites.id, listings.siteId))
    .leftJoin(subscriptions, eq(subscriptions.organizationId, listings.organizationId))
    .where(where)
    .orderBy(asc(listings.id))
    .$dynamic();
  if (limit) q = q.limit(limit);
  const rows = await q;
  const ids = rows.map((r) => r.listing.id);
  const certs = ids.length
    ? await db
        .select({
          listingId: listingCertifications.listingId,
          schemeId: certifications.schemeId,
          verificationState: certifications.verificationState,
          validFrom: certifications.validFrom,
          validTo: certifications.validTo,
        })
        .from(listingCertifications)
        .innerJoin(certifications, eq(certifications.id, listingCertifications.certificationId))
        .where(inArray(listingCertifications.listingId, ids))
    : [];
  const byListing = new Map<string, ListingRow["certificates"]>();
  for (const { listingId, ...c } of certs) byListing.set(listingId, [...(byListing.get(listingId) ?? []), c]);
  return rows.map((r) => ({
    listing: r.listing,
    org: { ...r.org, plan: effectivePlan(r.sub) },
    site: r.siteId ? { cityAdcode: r.siteCity, countyAdcode: r.siteCounty, lat: r.siteLat, lng: r.siteLng } : null,
    certificates: byListing.get(r.listing.id) ?? [],
  }));
}

async function demandRows(db: Db, where: SQL | undefined, limit?: number): Promise<DemandRow[]> {
  let q = db
    .select({ demand: demands, org: { nameZh: organizations.nameZh, nameEn: organizations.nameEn, verificationState: organizations.verificationState }, sub: subscriptionFields })
    .from(demands)
    .innerJoin(organizations, eq(organizations.id, demands.organizationId))
    .leftJoin(subscriptions, eq(subscriptions.organizationId, demands.organizationId))
    .where(where)
    .orderBy(asc(demands.id))
    .$dynamic();
  if (limit) q = q.limit(limit);
  return (await q).map((r) => ({ demand: r.demand, org: { ...r.org, plan: effectivePlan(r.sub) } }));
}

/** Current documents for the given ids (missing ids: the row is gone, so the document should be too). */
export async function loadDocuments(db: Db, entity: "listing", ids: readonly string[], today: string): Promise<ListingDocument[]>;
export async function loadDocuments(db: Db, entity: "demand", ids: readonly string[], today: string): Promise<DemandDocument[]>;
export async function loadDocuments(db: Db, entity: "listing" | "demand", ids: readonly string[], today: string): Promise<(ListingDocument | DemandDocument)[]>;
export async function loadDocuments(db: Db, entity: "listing" | "demand", ids: readonly string[], today: string) {
  if (ids.length === 0) return [];
  if (entity === "listing") return (await listingRows(db, inArray(listings.id, [...ids]))).map((r) => listingDocument(r, today));
  return (await demandRows(db, inArray(demands.id, [...ids]))).map(demandDocument);
}

/** Every document of an entity in id order, a batch at a time (keyset pagination; for reindex). */
export async function* allDocuments(db: Db, entity: "listing" | "demand", today: string, batchSize = 1000): AsyncGenerator<(ListingDocument | DemandDocument)[]> {
  let after: string | undefined;
  for (;;) {
    const batch =
      entity === "listing"
        ? (await listingRows(db, after ? gt(listings.id, after) : undefined, batchSize)).map((r) => listingDocument(r, today))
        : (await demandRows(db, after ? and(gt(demands.id, after)) : undefined, batchSize)).map(demandDocument);
    if (batch.length === 0) return;
    yield batch;
    after = batch[batch.length - 1]!.id;
    if (batch.length < batchSize) return;
  }
}
