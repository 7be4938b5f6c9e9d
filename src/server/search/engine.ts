import "server-only";
import type { Filter } from "./filter";
import type { DemandDocument, ListingDocument } from "./documents";

/**
 * The search port. Two adapters implement it, both fed by the transactional outbox (outbox.ts)
 * through the relay (relay.ts): the embedded engine on the project's own database (postgres.ts:
 * `search_documents` with jieba-segmented full text, synonyms, typo correction, facets and
 * distance; the relay runs in-process and every search first applies pending changes) and
 * Meilisearch (meilisearch.ts, when MEILI_URL is set). `reindex` rebuilds either from the tables.
 * Callers pass filters as a `Filter` tree (filter.ts), never as engine syntax, and always add the
 * visibility constraint themselves (published listings, public open demands, or the caller's own
 * organisation): the engine does not authorise.
 */
export type SearchEntity = "listing" | "demand";

export interface DocumentOf {
  listing: ListingDocument;
  demand: DemandDocument;
}

export type SearchLocale = "zh-CN" | "en";

export interface SortSpec {
  /** A sortable attribute (settings.ts), or "_geo" with `near`. */
  attr: string;
  dir: "asc" | "desc";
}

export interface SearchQuery {
  /** Free text as typed; "" or undefined lists everything that passes the filter. */
  q?: string;
  /** The reader's language: decides which localized fields rank first and the query's segmentation. */
  locale?: SearchLocale;
  filter?: Filter | null;
  /** Facet attributes whose value counts to return (must be filterable). */
  facets?: readonly string[];
  sort?: readonly SortSpec[];
  /** Sort by distance from a point (adds `_geoPoint` to the sort and the distance to each hit). */
  near?: { lat: number; lng: number };
  /** 1-based page and page size (exhaustive totals, for numbered pagination). */
  page?: number;
  hitsPerPage?: number;
  /** Return highlighted fragments (`<mark>…</mark>`, HTML-escaped) for the text fields. */
  highlight?: boolean;
}

export interface SearchHit<D> {
  document: D;
  /** Engine's relevance in [0, 1] when it reports one. */
  score?: number;
  /** Metres from `near`, when asked. */
  distanceMeters?: number;
  /** Field → highlighted HTML (only `<mark>` tags; the rest escaped). */
  highlights?: Partial<Record<string, string>>;
}

export interface SearchResult<D> {
  hits: SearchHit<D>[];
  /** Count of matches for the filter and query: exact, or a lower bound when `totalCapped`. */
  total: number;
  /**
   * Set when more documents match than the engine considers per query (Meilisearch's
   * maxTotalHits, the embedded engine's MAX_CANDIDATES): `total` is that cap; show "1,000+".
   */
  totalCapped?: boolean;
  page: number;
  hitsPerPage: number;
  totalPages: number;
  /** attribute → value → count */
  facets: Record<string, Record<string, number>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /** True when documents live outside the database (Meilisearch); both engines are fed by the outbox. */
  readonly external: boolean;
  /** Creates the indexes if missing and applies settings; call before any documents are written. */
  ensureIndexes(): Promise<void>;
  /** Adds or replaces documents by id; resolves once the engine has applied them. */
  upsert<E extends SearchEntity>(entity: E, documents: DocumentOf[E][]): Promise<void>;
  /** Removes documents by id (absent ids are fine); resolves once applied. */
  delete(entity: SearchEntity, ids: readonly string[]): Promise<void>;
  search<E extends SearchEntity>(entity: E, query: SearchQuery): Promise<SearchResult<DocumentOf[E]>>;
}

/** A failure the relay should retry later (network, 5xx, timeouts, failed engine tasks). */
export class SearchUnavailableError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}
