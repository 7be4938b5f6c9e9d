import { toSearchParams } from "@/components/search/url-state";
import type { SavedSearchQuery } from "@/domain/schemas/search";

/**
 * The search page's URL for a saved query, in the page's own URL format (url-state.ts), for the
 * saved-search list, the sign-in link of the save button and the links of alert notifications.
 */
export function searchPageUrl(query: SavedSearchQuery): string {
  return `/search?${toSearchParams({ entity: query.entity, q: query.q, filters: query.filters, sort: "relevance", page: 1 })}`;
}
