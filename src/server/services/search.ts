import "server-only";
import { searchInputSchema, type ParsedSearchInput, type SearchFilterKey, type SearchInput } from "@/domain/schemas/search";
import type { Db } from "../db/types";
import { getSearchEngine } from "../search";
import type { DocumentOf, SearchEngine, SearchEntity, SearchLocale, SearchResult } from "../search/engine";
import { f, type Filter } from "../search/filter";

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

export function buildSearchFilter(input: Pick<ParsedSearchInput, "entity" | "filters">, extra?: { updatedAfterMs?: number }): Filter {
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
  opts: { locale?: SearchLocale; near?: { lat: number; lng: number }; updatedAfterMs?: number; facets?: boolean; engine?: SearchEngine } = {},
): Promise<MarketSearchResult<E>> {
  const input = searchInputSchema.parse(raw);
  const engine = opts.engine ?? getSearchEngine(db);
  const attrs = ATTRS[input.entity];
  const facetKeys = opts.facets === false ? [] : FACETS[input.entity];
  const near = input.near ?? opts.near;
  const result = (await engine.search(input.entity, {
    q: input.q,
    locale: opts.locale,
    filter: buildSearchFilter(input, { updatedAfterMs: opts.updatedAfterMs }),
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
