import "server-only";
import type { Db } from "../db/types";
import { meilisearchFromEnv } from "./config";
import type { SearchEngine } from "./engine";
import { PostgresSearchEngine } from "./postgres";

const engines = new WeakMap<object, SearchEngine>();

/**
 * The engine this process searches with: Meilisearch when MEILI_URL is set, else the embedded
 * engine on the given database. One instance per database handle (the embedded engine keeps its
 * drain state there).
 */
export function getSearchEngine(db: Db): SearchEngine {
  let engine = engines.get(db);
  if (!engine) {
    engine = meilisearchFromEnv() ?? new PostgresSearchEngine(db);
    engines.set(db, engine);
  }
  return engine;
}
