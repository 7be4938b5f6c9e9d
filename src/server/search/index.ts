import "server-only";
import type { Db } from "../db/types";
import { meilisearchFromEnv } from "./config";
import type { SearchEngine } from "./engine";
import { PostgresSearchEngine } from "./postgres";

// On globalThis: Next bundles instrumentation (which runs the relay) and route handlers apart, and
// both must use the same engine instance (its in-process drain is shared).
const engines: WeakMap<object, SearchEngine> = ((globalThis as { fanglianSearchEngines?: WeakMap<object, never> }).fanglianSearchEngines ??= new WeakMap());

/**
 * The engine this process searches with: Meilisearch when MEILI_URL is set, else the embedded
 * engine on the given database. One instance per database handle (the embedded engine drains the
 * outbox on read, one drain at a time).
 */
export function getSearchEngine(db: Db): SearchEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = meilisearchFromEnv() ?? new PostgresSearchEngine(db);
    engines.set(db, engine);
  }
  return engine;
}
