import "server-only";
import { sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Db } from "../db/types";
import type { DemandDocument, ListingDocument } from "./documents";
import type { DocumentOf, SearchEngine, SearchEntity, SearchQuery, SearchResult } from "./engine";
import { plan, searchOnce } from "./postgres/read";
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
  /** Matches one search reads at most (default MAX_CANDIDATES, read.ts). */
  maxCandidates?: number;
  /** Nearest first: the first cap's radius in metres instead of the sampled one (tests, benchmarks); see postgres/nearest.ts. */
  nearestFirstCapM?: number;
  /** Rows per INSERT statement. */
  batchSize?: number;
}


const MAINTENANCE_BASE = 50;
const MAINTENANCE_SHARE = 0.2;

interface Maintenance {
  /** Documents written or deleted since the last VACUUM ANALYZE (by this process). */
  written: number;
  /** The documents then (pg_class.reltuples). */
  documents: number;
  running: boolean;
}

/** Per database handle, like the engine's other caches (one engine object per request is fine). */
const maintenance = new WeakMap<object, Maintenance>();
function maintenanceOf(db: Db): Maintenance {
  let m = maintenance.get(db);
  if (!m) maintenance.set(db, (m = { written: 0, documents: 0, running: false }));
  return m;
}

/**
 * The embedded engine on the project's own database (PGlite or PostgreSQL): documents in
 * `search_documents`, fed by the same outbox relay as Meilisearch (in-process, and drained on
 * read), full-text search with jieba-segmented Chinese and stemmed English, taxonomy synonyms,
 * typo correction from `search_vocabulary` (pg_trgm), filters on inline tokens and facts, facets
 * and distance. Each search is one statement over at most MAX_CANDIDATES matches (read.ts), so
 * its cost stays bounded however broad the query.
 */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;
  readonly external = false;

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
      const { rows: batch, words } = prepare(entity, documents.slice(i, i + size) as (ListingDocument | DemandDocument)[]);
      await this.db.transaction(async (tx) => {
        await writeDocuments(tx, entity, batch);
        await addVocabulary(tx, words);
      });
    }
    await this.afterWrites(documents.length);
  }

  async delete(entity: SearchEntity, ids: readonly string[]): Promise<void> {
    await deleteDocuments(this.db, entity, ids);
    await this.afterWrites(ids.length);
  }

  // ---- Maintenance ---------------------------------------------------------------------------

  /**
   * VACUUM ANALYZE of the index's tables: the planner's statistics (which words and tokens are
   * common decides between the full-text bitmap and an index walk), hint bits and the visibility
   * map (a freshly written row costs every reader a commit-log lookup until a vacuum or a reader
   * marks it). PostgreSQL's autovacuum does this on its own; PGlite has none, so the engine runs it
   * after a rebuild and, like autovacuum's thresholds, once 50 + 20% of the documents have
   * been written since the last run. At 100,000 listings it halved the instant search's p95
   * (`npm run bench:search`, which runs the same pass after loading).
   */
  async maintain(): Promise<void> {
    await this.db.execute(sql`vacuum (analyze) search_documents, search_vocabulary`);
    const [r] = await rows<{ n: number }>(this.db, sql`select greatest(reltuples, 0)::float8 as n from pg_class where relname = 'search_documents'`);
    const state = maintenanceOf(this.db);
    state.documents = Number(r?.n ?? 0);
    state.written = 0;
  }

  private async afterWrites(n: number): Promise<void> {
    // VACUUM cannot run in a transaction block: an engine on a caller's transaction leaves it to the handle's.
    if (this.db instanceof PgTransaction) return;
    const state = maintenanceOf(this.db);
    state.written += n;
    if (state.written < MAINTENANCE_BASE + MAINTENANCE_SHARE * state.documents || state.running) return;
    state.running = true;
    try {
      await this.maintain();
    } catch (e) {
      // The documents are written; a failed VACUUM only leaves the count to try again on the next write.
      console.error(`search maintenance: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      state.running = false;
    }
  }

  async search<E extends SearchEntity>(entity: E, query: SearchQuery): Promise<SearchResult<DocumentOf[E]>> {
    const started = performance.now();
    await this.catchUp();
    const p = await plan(this.db, entity, query);
    const { hits: page, counts: c } = await searchOnce(this.db, p, query.highlight === true, this.options.maxCandidates, { firstCapM: this.options.nearestFirstCapM });
    return {
      hits: page as SearchResult<DocumentOf[E]>["hits"],
      total: c.total,
      ...(c.totalCapped ? { totalCapped: true } : {}),
      page: p.page,
      hitsPerPage: p.hitsPerPage,
      totalPages: Math.ceil(c.total / p.hitsPerPage),
      facets: c.facets,
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
          const prepared = prepare(entity, batch);
          await writeDocuments(tx, entity, prepared.rows);
          for (const [w, n] of prepared.words) words.set(w, (words.get(w) ?? 0) + n);
          documents += prepared.rows.length;
          log?.(`${entity}: ${documents} documents`);
        }
        out.push({ entity, documents });
      }
      await addVocabulary(tx, words, "replace");
    });
    await this.maintain();
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
      const [state] = await rows<{ pending: boolean }>(
        this.db,
        sql`select exists (select 1 from search_outbox where processed_at is null and next_attempt_at <= now()) as pending`,
      );
      if (!state?.pending) return;
      // Failures stay in the outbox with a backoff; the search answers from what is indexed.
      const pass = await drainOnce(this.db, this);
      if (pass.failed > 0) return;
    }
  }
}
