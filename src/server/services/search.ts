import "server-only";
import { eq } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { greatCircleKm } from "@/domain/matching/geo";
import { searchInputSchema, type ParsedSearchInput, type SearchFilterKey, type SearchInput } from "@/domain/schemas/search";
import { organizations } from "../db/schema";
import type { Db } from "../db/types";
import { getSearchEngine } from "../search";
import { dayNumber, type DemandDocument, type ListingDocument } from "../search/documents";
import type { DocumentOf, SearchEngine, SearchEntity, SearchHit, SearchLocale, SearchResult } from "../search/engine";
import { f, type Filter } from "../search/filter";
import { now, type ServiceContext } from "./context";

/**
 * Market search for the instant search page, saved searches and their alerts. Adds what the viewer
 * may see (published listings; open public demands) to the user's filters, maps filter keys onto
 * document attributes and the engine's facet counts back onto filter keys.
 */
const ATTRS: Record<SearchEntity, Partial<Record<SearchFilterKey, string>>> = {
  listing: {
    chainLink: "chainLink",
    process: "processesCovered",
    product: "products",
    fiber: "fibersCovered",
    certification: "certifications",
    city: "cityAdcode",
    county: "countyAdcode",
    kind: "kind",
    verified: "orgVerified",
  },
  demand: {
    chainLink: "chainLink",
    process: "processes",
    product: "products",
    fiber: "fibers",
    certification: "requiredCertifications",
    city: "cityAdcode",
    verified: "orgVerified",
  },
};

/** Facets shown on the search page, as filter keys. */
export const FACETS: Record<SearchEntity, SearchFilterKey[]> = {
  listing: ["chainLink", "process", "fiber", "certification", "city", "kind", "verified"],
  demand: ["chainLink", "process", "fiber", "certification", "city"],
};

export function visibilityFilter(entity: SearchEntity): Filter {
  return entity === "listing" ? f.eq("status", "published") : f.and(f.eq("status", "open"), f.eq("visibility", "public"));
}

/**
 * What has expired by `now` though still stored as published/open (the `expire` command makes it
 * permanent later): capacity windows that have ended, demands past their quote deadline.
 */
export function notExpiredFilter(entity: SearchEntity, now: Date): Filter {
  if (entity === "listing") return f.or(f.ne("kind", "capacity"), f.gte("availableTo", dayNumber(chinaToday(now))!));
  // To the minute, so the engine's cached counts serve a minute of searches.
  return f.or(f.isNull("quoteDeadline"), f.gt("quoteDeadline", Math.floor(now.getTime() / 60_000) * 60_000));
}

export function buildSearchFilter(input: Pick<ParsedSearchInput, "entity" | "filters">, extra?: { updatedAfterMs?: number; notExpiredAt?: Date }): Filter {
  const attrs = ATTRS[input.entity];
  const items: Filter[] = [visibilityFilter(input.entity)];
  for (const [key, value] of Object.entries(input.filters) as [SearchFilterKey, unknown][]) {
    const attr = attrs[key];
    if (!attr || value === undefined) continue;
    if (typeof value === "boolean") {
      if (value) items.push(f.eq(attr, true));
    } else if (Array.isArray(value) && value.length) items.push(f.in(attr, value as string[]));
  }
  if (extra?.updatedAfterMs !== undefined) items.push(f.gt("updatedAt", extra.updatedAfterMs));
  if (extra?.notExpiredAt) items.push(notExpiredFilter(input.entity, extra.notExpiredAt));
  return f.and(...items);
}

export interface MarketSearchResult<E extends SearchEntity> extends Omit<SearchResult<DocumentOf[E]>, "facets"> {
  engine: SearchEngine["name"];
  /** filter key → value → count */
  facets: Partial<Record<SearchFilterKey, Record<string, number>>>;
}

export async function searchMarket<E extends SearchEntity>(
  db: Db,
  raw: SearchInput & { entity: E },
  /** `facets`: false for none, a list for only those filter keys, default all of the entity's. */
  opts: { locale?: SearchLocale; near?: { lat: number; lng: number }; updatedAfterMs?: number; notExpiredAt?: Date; facets?: boolean | SearchFilterKey[]; engine?: SearchEngine } = {},
): Promise<MarketSearchResult<E>> {
  const input = searchInputSchema.parse(raw);
  const engine = opts.engine ?? getSearchEngine(db);
  const attrs = ATTRS[input.entity];
  const facetKeys = opts.facets === false ? [] : Array.isArray(opts.facets) ? opts.facets.filter((k) => attrs[k]) : FACETS[input.entity];
  const near = input.near ?? opts.near;
  const result = (await engine.search(input.entity, {
    q: input.q,
    locale: opts.locale,
    filter: buildSearchFilter(input, { updatedAfterMs: opts.updatedAfterMs, notExpiredAt: opts.notExpiredAt }),
    facets: facetKeys.map((k) => attrs[k]!),
    sort: input.sort === "newest" ? [{ attr: "updatedAt", dir: "desc" }] : undefined,
    near: input.sort === "distance" ? near : undefined,
    page: input.page,
    hitsPerPage: input.hitsPerPage,
    highlight: true,
  })) as SearchResult<DocumentOf[E]>;
  const facets: MarketSearchResult<E>["facets"] = {};
  for (const key of facetKeys) facets[key] = result.facets[attrs[key]!] ?? {};
  return { ...result, facets, engine: engine.name };
}

// ---- The instant search page ----------------------------------------------------------------

/** One result as the search page shows it: display fields only, codes left for the UI to translate. */
export interface InstantSearchHit {
  id: string;
  entity: SearchEntity;
  /** Listings: capability or capacity; demands: null. */
  kind: "capability" | "capacity" | null;
  status: string;
  titleZh: string | null;
  titleEn: string | null;
  orgId: string;
  orgNameZh: string;
  orgNameEn: string | null;
  verified: boolean;
  /** Listings: the organisation's plan features its listings (推荐); demands: false. */
  featured: boolean;
  /** Demands: the buyer's plan has priority placement (优先展示); listings: false. */
  priority: boolean;
  chainLink: string | null;
  processes: string[];
  fibers: string[];
  certifications: string[];
  cityAdcode: string | null;
  /** Capacity (listings) or quantity (demands) in the taxonomy's canonical unit. */
  amount: { value: number; unit: string } | null;
  leadTimeDays: number | null;
  /** YYYY-MM-DD */
  availableFrom: string | null;
  availableTo: string | null;
  needBy: string | null;
  /** Only `<mark>` tags, everything else escaped. */
  highlights: { titleZh?: string; titleEn?: string; description?: string };
  distanceKm: number | null;
}

export interface InstantSearchResult {
  entity: SearchEntity;
  hits: InstantSearchHit[];
  total: number;
  /** More matched than the engine reads per query: show "more than {total}". */
  totalCapped: boolean;
  page: number;
  totalPages: number;
  hitsPerPage: number;
  facets: Partial<Record<SearchFilterKey, Record<string, number>>>;
  /** The sort applied (distance falls back to relevance without a point). */
  sort: ParsedSearchInput["sort"];
  /** True when distances can be shown and sorted on. */
  hasPoint: boolean;
  tookMs: number;
}

/** yyyymmdd → "YYYY-MM-DD" */
const isoDay = (n: number | null | undefined) => (n ? `${String(n).slice(0, 4)}-${String(n).slice(4, 6)}-${String(n).slice(6, 8)}` : null);

/** Defence in depth for dangerouslySetInnerHTML: any `<` that does not open or close a bare <mark> is escaped. */
export function onlyMarks(html: string | undefined): string | undefined {
  return html?.replace(/<(?!\/?mark>)/g, "&lt;");
}

/**
 * A window of highlighted HTML around its first match: `before` visible characters ahead of it and
 * `length` in all, with "…" where text was cut. Entities and <mark> tags are never split, and a
 * mark the cut leaves open is closed.
 */
export function cropHighlight(html: string | undefined, before = 30, length = 120): string | undefined {
  if (!html) return html;
  const units: string[] = html.match(/<\/?mark>|&#?\w+;|[\s\S]/gu) ?? [];
  const isTag = (u: string) => u === "<mark>" || u === "</mark>";
  const first = Math.max(0, units.indexOf("<mark>"));
  let start = first;
  for (let seen = 0; start > 0 && seen < before; start--) if (!isTag(units[start - 1]!)) seen++;
  let out = start > 0 ? "…" : "";
  let open = false;
  let visible = 0;
  let i = start;
  for (; i < units.length && visible < length; i++) {
    const u = units[i]!;
    if (u === "<mark>") open = true;
    else if (u === "</mark>") open = false;
    else visible++;
    out += u;
  }
  if (open) out += "</mark>";
  return i < units.length && units.slice(i).some((u) => !isTag(u)) ? `${out}…` : out;
}

function leanHit(entity: SearchEntity, hit: SearchHit<ListingDocument | DemandDocument>, near: { lat: number; lng: number } | undefined): InstantSearchHit {
  const d = hit.document;
  const h = hit.highlights ?? {};
  const common = {
    id: d.id,
    entity,
    status: d.status,
    titleZh: d.titleZh,
    titleEn: d.titleEn,
    orgId: d.organizationId,
    orgNameZh: d.orgNameZh,
    orgNameEn: d.orgNameEn,
    verified: d.orgVerified,
    chainLink: d.chainLink,
    processes: d.processes,
    fibers: d.fibers,
    cityAdcode: d.cityAdcode,
    highlights: { titleZh: onlyMarks(h.titleZh), titleEn: onlyMarks(h.titleEn), description: cropHighlight(onlyMarks(h.descriptionZh ?? h.descriptionEn)) },
    distanceKm: distanceKm(hit, near),
  };
  if (entity === "listing") {
    const l = d as ListingDocument;
    return {
      ...common,
      featured: l.orgFeatured === true,
      priority: false,
      kind: l.kind,
      certifications: l.certifications,
      amount: { value: l.capacityValue, unit: l.capacityUnit },
      leadTimeDays: l.leadTimeDays,
      availableFrom: isoDay(l.availableFrom),
      availableTo: isoDay(l.availableTo),
      needBy: null,
    };
  }
  const m = d as DemandDocument;
  return {
    ...common,
    featured: false,
    priority: m.orgPriority === true,
    kind: null,
    certifications: m.requiredCertifications,
    amount: m.quantityValue !== null && m.quantityUnit ? { value: m.quantityValue, unit: m.quantityUnit } : null,
    leadTimeDays: null,
    availableFrom: null,
    availableTo: null,
    needBy: isoDay(m.needBy),
  };
}

/** The engine's distance when it sorted by one, else measured here from the document's point. */
function distanceKm(hit: SearchHit<ListingDocument | DemandDocument>, near: { lat: number; lng: number } | undefined): number | null {
  const km = hit.distanceMeters !== undefined ? hit.distanceMeters / 1000 : near && hit.document._geo ? greatCircleKm(near, hit.document._geo) : null;
  return km === null ? null : Math.round(km * 10) / 10;
}

/** The active organisation's coordinates: the default point for distances. */
async function viewerPoint(ctx: ServiceContext): Promise<{ lat: number; lng: number } | undefined> {
  if (!ctx.membership) return undefined;
  const [org] = await ctx.db.select({ lat: organizations.lat, lng: organizations.lng }).from(organizations).where(eq(organizations.id, ctx.membership.organizationId));
  return org?.lat != null && org.lng != null ? { lat: org.lat, lng: org.lng } : undefined;
}

/**
 * The search page's query: anyone may search what is public. Distances are measured from the
 * given point, else from the signed-in viewer's active organisation. Facets are disjunctive: the
 * counts of a group with ticked values ignore that group's own filter, so a second city can still
 * be ticked after the first.
 */
export async function instantSearch({ ctx, input: raw, locale }: { ctx: ServiceContext; input: SearchInput; locale?: SearchLocale }): Promise<InstantSearchResult> {
  const input = searchInputSchema.parse(raw);
  const near = input.near ?? (await viewerPoint(ctx));
  const sort = input.sort === "distance" && !near ? "relevance" : input.sort;
  const at = now(ctx);
  const result = await searchMarket(ctx.db, { ...input, sort, near }, { locale, notExpiredAt: at });
  const facets = { ...result.facets };
  const active = FACETS[input.entity].filter((k) => {
    const v = input.filters[k];
    return Array.isArray(v) ? v.length > 0 : v === true;
  });
  for (const key of active) {
    const others = { ...input.filters, [key]: undefined };
    const r = await searchMarket(ctx.db, { ...input, filters: others, sort: "relevance", page: 1, hitsPerPage: 1 }, { locale, facets: [key], notExpiredAt: at });
    facets[key] = r.facets[key] ?? {};
  }
  return {
    entity: input.entity,
    hits: result.hits.map((h) => leanHit(input.entity, h as SearchHit<ListingDocument | DemandDocument>, near)),
    total: result.total,
    totalCapped: result.totalCapped ?? false,
    page: result.page,
    totalPages: result.totalPages,
    hitsPerPage: result.hitsPerPage,
    facets,
    sort,
    hasPoint: Boolean(near),
    tookMs: result.tookMs,
  };
}
