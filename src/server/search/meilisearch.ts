import "server-only";
import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type IndexSwap, type SearchParams, type Task } from "meilisearch";
import { SearchUnavailableError, type DocumentOf, type SearchEngine, type SearchEntity, type SearchQuery, type SearchResult } from "./engine";
import { f, filterAttributes, FilterError, toMeiliFilter } from "./filter";
import { FILTERABLE, HIGHLIGHTED, indexSettings, MAX_TOTAL_HITS, SORTABLE } from "./settings";

export interface MeiliOptions {
  url: string;
  apiKey?: string;
  /** Index names are `<prefix>listings` and `<prefix>demands` (tests use a unique prefix). */
  indexPrefix?: string;
  /**
   * How long to wait for a write task. The client's default (5 s) fails writes that merely queue
   * behind a large settings change; reindexing 100,000 documents needs far more.
   */
  taskTimeoutMs?: number;
  /** Per HTTP request. */
  requestTimeoutMs?: number;
}

const PLURAL: Record<SearchEntity, string> = { listing: "listings", demand: "demands" };

// Highlight markers that never occur in text: the whole fragment is HTML-escaped, then the markers
// become <mark>, so document text can never inject markup.
const PRE = "\u0002";
const POST = "\u0003";

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

export function safeHighlight(fragment: string): string {
  return escapeHtml(fragment).replaceAll(PRE, "<mark>").replaceAll(POST, "</mark>");
}

const HAN = /\p{Script=Han}/u;

/** The query's language decides segmentation: jieba for Chinese, the Latin tokenizer otherwise. */
export function queryLocales(q: string | undefined): string[] | undefined {
  const t = q?.trim();
  if (!t) return undefined;
  return HAN.test(t) ? ["cmn"] : ["eng"];
}

function retryable(e: unknown): SearchUnavailableError {
  if (e instanceof SearchUnavailableError) return e;
  if (e instanceof MeilisearchApiError) return new SearchUnavailableError(`meilisearch ${e.response.status}: ${e.message}`, e);
  return new SearchUnavailableError(`meilisearch: ${e instanceof Error ? e.message : String(e)}`, e);
}

export class MeilisearchEngine implements SearchEngine {
  readonly name = "meilisearch";
  readonly external = true;
  readonly client: Meilisearch;
  readonly prefix: string;
  readonly taskTimeoutMs: number;

  constructor(opts: MeiliOptions) {
    this.prefix = opts.indexPrefix ?? "fanglian_";
    this.taskTimeoutMs = opts.taskTimeoutMs ?? 120_000;
    this.client = new Meilisearch({
      host: opts.url,
      apiKey: opts.apiKey,
      timeout: opts.requestTimeoutMs ?? 15_000,
      defaultWaitOptions: { timeout: this.taskTimeoutMs, interval: 100 },
    });
  }

  indexUid(entity: SearchEntity): string {
    return `${this.prefix}${PLURAL[entity]}`;
  }

  /** Awaits a task with an explicit timeout and turns a failed or cancelled task into an error. */
  async wait(enqueued: EnqueuedTaskPromise, allow: (task: Task) => boolean = () => false): Promise<Task> {
    let task: Task;
    try {
      task = await enqueued.waitTask({ timeout: this.taskTimeoutMs, interval: 100 });
    } catch (e) {
      throw retryable(e);
    }
    if (task.status !== "succeeded" && !allow(task))
      throw new SearchUnavailableError(`meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no error given"}`);
    return task;
  }

  /** Creates an index (primary key `id`) unless it exists, then applies the entity's settings. */
  async prepareIndex(uid: string, entity: SearchEntity): Promise<void> {
    await this.wait(this.client.createIndex(uid, { primaryKey: "id" }), (t) => t.error?.code === "index_already_exists");
    await this.wait(this.client.index(uid).updateSettings(indexSettings(entity)));
  }

  async ensureIndexes(): Promise<void> {
    for (const entity of ["listing", "demand"] as const) await this.prepareIndex(this.indexUid(entity), entity);
  }

  async upsertInto(uid: string, documents: readonly object[]): Promise<void> {
    if (documents.length === 0) return;
    await this.wait(this.client.index(uid).addDocuments([...documents] as Record<string, unknown>[], { primaryKey: "id" }));
  }

  async upsert<E extends SearchEntity>(entity: E, documents: DocumentOf[E][]): Promise<void> {
    await this.upsertInto(this.indexUid(entity), documents);
  }

  async delete(entity: SearchEntity, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // Delete by filter (documented in the OpenAPI description, unlike delete-batch); ids are quoted.
    const filter = toMeiliFilter(f.in("id", ids))!;
    await this.wait(this.client.index(this.indexUid(entity)).deleteDocuments({ filter }));
  }

  /** Swaps two indexes' contents atomically (`rename` is left out: 1.15 does not know it). */
  async swap(a: string, b: string): Promise<void> {
    await this.wait(this.client.swapIndexes([{ indexes: [a, b] } as IndexSwap]));
  }

  async dropIndex(uid: string): Promise<void> {
    await this.wait(this.client.deleteIndex(uid), (t) => t.error?.code === "index_not_found");
  }

  async indexExists(uid: string): Promise<boolean> {
    try {
      await this.client.getRawIndex(uid);
      return true;
    } catch (e) {
      if (e instanceof MeilisearchApiError && e.response.status === 404) return false;
      throw retryable(e);
    }
  }

  /** The search request body (camelCase, as the client sends it). Exported for contract tests. */
  searchParams(entity: SearchEntity, query: SearchQuery): SearchParams & { q?: string } {
    const filterable = new Set(FILTERABLE[entity]);
    for (const a of [...filterAttributes(query.filter), ...(query.facets ?? [])])
      if (!filterable.has(a)) throw new FilterError(`${a} is not filterable on ${entity}`);
    const sortable = new Set(SORTABLE[entity]);
    const sort: string[] = [];
    for (const s of query.sort ?? []) {
      if (!sortable.has(s.attr)) throw new FilterError(`${s.attr} is not sortable on ${entity}`);
      if (s.attr === "_geo") {
        if (!query.near) throw new FilterError("sorting by _geo needs `near`");
        sort.push(`_geoPoint(${query.near.lat}, ${query.near.lng}):${s.dir}`);
      } else sort.push(`${s.attr}:${s.dir}`);
    }
    // `near` alone means nearest first (after any explicit sort), as on the embedded engine.
    if (query.near && !sort.some((s) => s.startsWith("_geoPoint("))) sort.push(`_geoPoint(${query.near.lat}, ${query.near.lng}):asc`);
    const params: SearchParams & { q?: string } = {
      q: query.q?.trim() || undefined,
      filter: toMeiliFilter(query.filter),
      facets: query.facets?.length ? [...query.facets] : undefined,
      sort: sort.length ? sort : undefined,
      page: Math.max(1, Math.trunc(query.page ?? 1)),
      hitsPerPage: Math.min(100, Math.max(1, Math.trunc(query.hitsPerPage ?? 20))),
      showRankingScore: true,
      locales: queryLocales(query.q),
    };
    if (query.highlight) {
      params.attributesToHighlight = [...HIGHLIGHTED];
      params.highlightPreTag = PRE;
      params.highlightPostTag = POST;
    }
    for (const k of Object.keys(params) as (keyof typeof params)[]) if (params[k] === undefined) delete params[k];
    return params;
  }

  async search<E extends SearchEntity>(entity: E, query: SearchQuery): Promise<SearchResult<DocumentOf[E]>> {
    const { q, ...params } = this.searchParams(entity, query);
    let res;
    try {
      res = await this.client.index(this.indexUid(entity)).search(q ?? null, params);
    } catch (e) {
      throw retryable(e);
    }
    const hits = res.hits.map((hit) => {
      const { _formatted, _rankingScore, _geoDistance, _rankingScoreDetails: _d, _matchesPosition: _m, ...doc } = hit as typeof hit & { _geoDistance?: number };
      let highlights: Record<string, string> | undefined;
      if (query.highlight && _formatted) {
        highlights = {};
        for (const field of HIGHLIGHTED) {
          const v = (_formatted as Record<string, unknown>)[field];
          if (typeof v === "string" && v.includes(PRE)) highlights[field] = safeHighlight(v);
        }
      }
      return {
        document: doc as unknown as DocumentOf[E],
        score: _rankingScore,
        distanceMeters: _geoDistance,
        highlights,
      };
    });
    const paged = res as typeof res & { totalHits?: number; totalPages?: number; page?: number; hitsPerPage?: number };
    return {
      hits,
      total: paged.totalHits ?? res.estimatedTotalHits ?? hits.length,
      // Meilisearch counts up to pagination.maxTotalHits (settings.ts).
      ...((paged.totalHits ?? 0) >= MAX_TOTAL_HITS ? { totalCapped: true } : {}),
      page: paged.page ?? params.page ?? 1,
      hitsPerPage: paged.hitsPerPage ?? params.hitsPerPage ?? 20,
      totalPages: paged.totalPages ?? 1,
      facets: (res.facetDistribution ?? {}) as Record<string, Record<string, number>>,
      tookMs: res.processingTimeMs,
    };
  }
}
