import { z } from "zod";
import { msg } from "./common";

/**
 * The instant search's state: what the search page keeps in its URL, what a saved search stores
 * and what `search.query` takes. Filters are taxonomy codes (adcodes for places); every facet of
 * the page is one of these keys, so a facet click is a filter and a filter is a URL parameter.
 */
export const SEARCH_FILTER_KEYS = ["chainLink", "process", "product", "fiber", "certification", "city", "county", "kind", "verified"] as const;
export type SearchFilterKey = (typeof SEARCH_FILTER_KEYS)[number];

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9_.-]{1,64}$/i, msg("invalid"));
const codes = z.array(code).max(20, msg("tooMany"));

export const searchFiltersSchema = z.object({
  chainLink: codes.optional(),
  process: codes.optional(),
  product: codes.optional(),
  fiber: codes.optional(),
  certification: codes.optional(),
  city: codes.optional(),
  county: codes.optional(),
  /** Listings only: capability or capacity. */
  kind: z.array(z.enum(["capability", "capacity"])).max(2).optional(),
  /** Only verified organisations. */
  verified: z.boolean().optional(),
});
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

export const searchSortSchema = z.enum(["relevance", "newest", "distance"]);

export const searchInputSchema = z.object({
  entity: z.enum(["listing", "demand"]),
  q: z.string().trim().max(200, msg("tooLong")).default(""),
  filters: searchFiltersSchema.default({}),
  sort: searchSortSchema.default("relevance"),
  /** Needed for sort=distance; defaults to the viewer's organisation when it has coordinates. */
  near: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  page: z.number().int().min(1).max(1000).default(1),
  hitsPerPage: z.number().int().min(1).max(50).default(20),
});
export type SearchInput = z.input<typeof searchInputSchema>;
export type ParsedSearchInput = z.output<typeof searchInputSchema>;

/** A saved search stores the query and filters only; sort and page belong to the session. */
export const savedSearchQuerySchema = searchInputSchema.pick({ entity: true, q: true, filters: true });
export type SavedSearchQuery = z.output<typeof savedSearchQuerySchema>;
