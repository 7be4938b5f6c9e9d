import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import type { DemandDocument, ListingDocument } from "./documents";
import type { DocumentOf, SearchEngine, SearchEntity, SearchQuery, SearchResult } from "./engine";
import { counts, hits, plan, type Counts } from "./postgres/read";
import { rows } from "./postgres/sql";
import { tokenize } from "./postgres/text";
import { addVocabulary, deleteDocuments, prepare, writeDocuments } from "./postgres/write";
import { drainOnce, inFlightDrain } from "./relay";

export interface PostgresEngineOptions {
  /**
   * Apply pending outbox rows before each search, so a committed change is found by the next
   * search (default true). Off only where another engine owns the outbox (benchmarks, tests).
   */
  drainOnRead?: boolean;
  /** How long cached counts may live without any change seen (changes made by other processes without the outbox). */
  cacheTtlMs?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
}

interface CacheEntry {
  generation: string;
  at: number;
  value: Counts;
}

const CACHE_LIMIT = 500;

/**
 * The embedded engine on the project's own database (PGlite or PostgreSQL): documents in
 * `search_documents`, fed by the same outbox relay as Meilisearch (in-process, and drained on
 * read), full-text search with jieba-segmented Chinese and stemmed English, taxonomy synonyms,
 * typo correction from `search_vocabulary` (pg_trgm), filters on the JSON document, facets and
 * distance. Exact totals and facet counts over all matches are cached per query and filter,
 * keyed on an index generation that every write (here, or through the outbox anywhere) changes.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;
  readonly external = false;
  private writes = 0;
  private outboxHead = "";
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    readonly db: Db,
    readonly options: PostgresEngineOptions = {},
  ) {}

  /** The tables come with the migrations; this only loads the segmenter so the first search is not slow. */
  async ensureIndexes(): Promise<void> {
    tokenize("预热 warm", "index");
  }

  async upsert<E extends SearchEntity>(entity: E, documents: DocumentOf[E][]): Promise<void> {
    const size = this.options.batchSize ?? 500;
    for (let i = 0; i < documents.length; i += size) {
      const { rows: batch, words } = prepare(documents.slice(i, i + size) as (ListingDocument | DemandDocument)[]);
      await this.db.transaction(async (tx) => {
        await writeDocuments(tx, entity, batch);
        await addVocabulary(tx, words);
      });
      this.writes++;
    }
  }

  async delete(entity: SearchEntity, ids: readonly string[]): Promise<void> {
    await deleteDocuments(this.db, entity, ids);
    this.writes++;
  }

  async search<E extends SearchEntity>(entity: E, query: SearchQuery): Promise<SearchResult<DocumentOf[E]>> {
    const started = performance.now();
    await this.catchUp();
    const p = await plan(this.db, entity, query);
    const page = await hits(this.db, p, query.highlight === true);
    let total: number;
    let facets: Record<string, Record<string, number>> = {};
    if (p.facets.length === 0 && page.length > 0 && page.length < p.hitsPerPage) {
      // The last page is in hand: no need to count.
      total = (p.page - 1) * p.hitsPerPage + page.length;
    } else if (p.facets.length === 0 && page.length === 0 && p.page === 1) {
      total = 0;
    } else {
      ({ total, facets } = await this.cachedCounts(p));
    }
    return {
      hits: page as SearchResult<DocumentOf[E]>["hits"],
      total,
      page: p.page,
      hitsPerPage: p.hitsPerPage,
      totalPages: Math.ceil(total / p.hitsPerPage),
      facets,
      tookMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Rebuilds the whole index in one transaction from `source` (reindex): every document and an
   * exact vocabulary. Readers keep seeing the old index until it commits.
   */
  async rebuild(source: (tx: Db, entity: SearchEntity) => AsyncIterable<(ListingDocument | DemandDocument)[]>, log?: (msg: string) => void): Promise<{ entity: SearchEntity; documents: number }[]> {
    const out: { entity: SearchEntity; documents: number }[] = [];
    await this.db.transaction(async (tx) => {
      await tx.execute(sql`delete from search_documents`);
      await tx.execute(sql`delete from search_vocabulary`);
      const words = new Map<string, number>();
      for (const entity of ["listing", "demand"] as const) {
        let documents = 0;
        for await (const batch of source(tx, entity)) {
          const prepared = prepare(batch);
          await writeDocuments(tx, entity, prepared.rows);
          for (const [w, n] of prepared.words) words.set(w, (words.get(w) ?? 0) + n);
          documents += prepared.rows.length;
          log?.(`${entity}: ${documents} documents`);
        }
        out.push({ entity, documents });
      }
      await addVocabulary(tx, words, "replace");
    });
    this.writes++;
    return out;
  }

  // ---- Freshness -------------------------------------------------------------------------------

  /**
   * Drain-on-read: a cheap check for due outbox rows, and if there are any, the relay applies them
   * before the search runs. Drains within the process are shared (one at a time); a search that
   * finds one running waits for it and checks again, since it may have started before the change.
   */
  private async catchUp(): Promise<void> {
    if (this.options.drainOnRead === false) return;
    for (let round = 0; round < 3; round++) {
      const running = inFlightDrain(this.db);
      if (running) await running.catch(() => undefined);
      const [state] = await rows<{ pending: boolean; head: string | null }>(
        this.db,
        sql`select exists (select 1 from search_outbox where processed_at is null and next_attempt_at <= now()) as pending,
          (select max(id) from search_outbox)::text as head`,
      );
      this.outboxHead = state?.head ?? "";
      if (!state?.pending) return;
      // Failures stay in the outbox with a backoff; the search answers from what is indexed.
      const pass = await drainOnce(this.db, this);
      if (pass.failed > 0) return;
    }
  }

  private generation(): string {
    return `${this.writes}:${this.outboxHead}`;
  }

  private async cachedCounts(p: Parameters<typeof counts>[1]): Promise<Counts> {
    const key = `${p.matchKey}|${p.facets.join(",")}`;
    const generation = this.generation();
    const hit = this.cache.get(key);
    const ttl = this.options.cacheTtlMs ?? 30_000;
    if (hit && hit.generation === generation && Date.now() - hit.at < ttl) {
      // Recently used entries move to the end (the map is the LRU order).
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit.value;
    }
    const value = await counts(this.db, p);
    this.cache.set(key, { generation, at: Date.now(), value });
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }
}
