import type { SavedSearchQuery, SearchFilterKey, SearchFilters } from "@/domain/schemas/search";

/**
 * The search page's state as it lives in the URL, shared by the server page (first render) and the
 * client (typing, ticking, back and forward): `?type=listing&q=涤纶&process=spinning,weaving&city=370200
 * &verified=1&sort=newest&page=2`. Lists are comma-separated (codes never contain commas); unknown
 * or malformed values are dropped rather than refused, so a stale link still shows results.
 */
export type SearchEntityParam = "listing" | "demand";
export type SearchSort = "relevance" | "newest" | "distance";

export interface SearchUrlState {
  entity: SearchEntityParam;
  q: string;
  filters: SearchFilters;
  sort: SearchSort;
  page: number;
}

export const HITS_PER_PAGE = 20;
// The schema's keys and sorts, repeated here so the page's client bundle does not carry zod.
const FILTER_KEYS = ["chainLink", "process", "product", "fiber", "certification", "city", "county", "kind", "verified"] as const satisfies readonly SearchFilterKey[];
const SORTS: readonly SearchSort[] = ["relevance", "newest", "distance"];
const CODE = /^[a-z0-9_.-]{1,64}$/i;
const LIST_KEYS = FILTER_KEYS.filter((k) => k !== "verified" && k !== "kind") as Exclude<SearchFilterKey, "verified" | "kind">[];

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function getter(params: ParamSource) {
  return (key: string): string | undefined => {
    if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
    const v = params[key];
    return Array.isArray(v) ? v[0] : v;
  };
}

const list = (raw: string | undefined) =>
  [
    ...new Set(
      (raw ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter((s) => CODE.test(s)),
    ),
  ].slice(0, 20);

export function parseSearchParams(params: ParamSource): SearchUrlState {
  const get = getter(params);
  const filters: SearchFilters = {};
  for (const key of LIST_KEYS) {
    const values = list(get(key));
    if (values.length) filters[key] = values;
  }
  const kinds = list(get("kind")).filter((k): k is "capability" | "capacity" => k === "capability" || k === "capacity");
  if (kinds.length) filters.kind = kinds;
  if (get("verified") === "1" || get("verified") === "true") filters.verified = true;
  const entity = get("type") === "demand" ? "demand" : "listing";
  if (entity === "demand") {
    // Demands have no kind and no county facet.
    delete filters.kind;
    delete filters.county;
  }
  const sort = SORTS.find((s) => s === get("sort"));
  const page = Number(get("page"));
  return {
    entity,
    q: (get("q") ?? "").slice(0, 200),
    filters,
    sort: sort ?? "relevance",
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

/** The query string for a state, defaults left out so the shortest URL is the canonical one. */
export function toSearchParams(state: SearchUrlState): string {
  const p = new URLSearchParams();
  p.set("type", state.entity);
  if (state.q.trim()) p.set("q", state.q.trim());
  for (const key of FILTER_KEYS) {
    const v = state.filters[key];
    if (v === true) p.set(key, "1");
    else if (Array.isArray(v) && v.length) p.set(key, v.join(","));
  }
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.page > 1) p.set("page", String(state.page));
  return p.toString();
}

/** The procedure's input for a state. */
export function toQueryInput(state: SearchUrlState, locale: "zh-CN" | "en") {
  return { entity: state.entity, q: state.q.trim(), filters: state.filters, sort: state.sort, page: state.page, hitsPerPage: HITS_PER_PAGE, locale };
}

export function hasFilters(filters: SearchFilters): boolean {
  return Object.values(filters).some((v) => v === true || (Array.isArray(v) && v.length > 0));
}

/**
 * The search page's URL for a saved query, for the saved-search list, the sign-in link of the save
 * button and the links of alert notifications.
 */
export function searchPageUrl(query: SavedSearchQuery): string {
  return `/search?${toSearchParams({ entity: query.entity, q: query.q, filters: query.filters, sort: "relevance", page: 1 })}`;
}
