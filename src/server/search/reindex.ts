import "server-only";
import { sql } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import type { Db } from "../db/types";
import { allDocuments } from "./documents";
import type { SearchEngine, SearchEntity } from "./engine";
import { MeilisearchEngine } from "./meilisearch";
import { PostgresSearchEngine } from "./postgres";
import { rows } from "./postgres/sql";

export interface ReindexResult {
  entity: SearchEntity;
  index: string;
  documents: number;
}

interface ReindexOptions {
  batchSize?: number;
  now?: Date;
  log?: (msg: string) => void;
}

/**
 * Rebuilds the search index of either engine from the listings and demands tables.
 * Meilisearch: fresh indexes swapped in (`reindexMeilisearch`). Embedded: `search_documents` and
 * `search_vocabulary` rebuilt in one transaction, so searches see the old index until it commits;
 * pending outbox rows stay pending and are applied again afterwards (harmless: same versions).
 */
export async function reindex(db: Db, engine: SearchEngine, opts: ReindexOptions = {}): Promise<ReindexResult[]> {
  if (engine instanceof MeilisearchEngine) return reindexMeilisearch(db, engine, opts);
  if (!(engine instanceof PostgresSearchEngine)) throw new Error(`reindex: unsupported engine ${engine.name}`);
  const today = chinaToday(opts.now ?? new Date());
  const results = await engine.rebuild((tx, entity) => allDocuments(tx, entity, today, opts.batchSize ?? 1000), opts.log);
  return results.map((r) => ({ ...r, index: "search_documents" }));
}

/**
 * Zero-downtime rebuild: for each entity, fill a fresh index (`<live>_<timestamp>`, settings first,
 * then documents in batches, every task awaited), swap it with the live one, drop the old one.
 * Rows the relay processed while it ran (sent to the old index, perhaps after the fresh one was
 * read) are queued again afterwards; pending rows stay pending. Every change is therefore either in
 * the snapshot or sent again to the new index (sending twice is harmless).
 */
async function reindexMeilisearch(db: Db, engine: MeilisearchEngine, opts: ReindexOptions): Promise<ReindexResult[]> {
  const now = opts.now ?? new Date();
  const today = chinaToday(now);
  const stamp = now.toISOString().replace(/[-:.TZ]/g, "").slice(0, 17);
  const [started] = await rows<{ at: string }>(db, sql`select now()::text as at`);
  const out: ReindexResult[] = [];
  for (const entity of ["listing", "demand"] as const) {
    const live = engine.indexUid(entity);
    const fresh = `${live}_${stamp}`;
    await engine.prepareIndex(fresh, entity);
    let documents = 0;
    for await (const batch of allDocuments(db, entity, today, opts.batchSize ?? 1000)) {
      await engine.upsertInto(fresh, batch);
      documents += batch.length;
      opts.log?.(`${entity}: ${documents} documents`);
    }
    // Swapping needs both indexes; the first run has no live one yet.
    if (!(await engine.indexExists(live))) await engine.prepareIndex(live, entity);
    await engine.swap(live, fresh);
    await engine.dropIndex(fresh);
    out.push({ entity, index: live, documents });
  }
  await db.execute(sql`update search_outbox set processed_at = null, attempts = 0, next_attempt_at = now() where processed_at >= ${started!.at}::timestamptz`);
  return out;
}
