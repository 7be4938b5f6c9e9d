import "server-only";
import type { Db } from "../db/types";
import { SearchUnavailableError, type DocumentOf, type SearchEngine, type SearchEntity, type SearchQuery, type SearchResult } from "./engine";

/** The embedded engine (being written: see issue 4). */
export class PostgresSearchEngine implements SearchEngine {
  readonly name = "postgres" as const;
  readonly external = true;
  constructor(readonly db: Db) {}
  async ensureIndexes(): Promise<void> {}
  async upsert<E extends SearchEntity>(_entity: E, _documents: DocumentOf[E][]): Promise<void> {
    throw new SearchUnavailableError("embedded search engine not built yet");
  }
  async delete(_entity: SearchEntity, _ids: readonly string[]): Promise<void> {
    throw new SearchUnavailableError("embedded search engine not built yet");
  }
  async search<E extends SearchEntity>(_entity: E, _query: SearchQuery): Promise<SearchResult<DocumentOf[E]>> {
    throw new SearchUnavailableError("embedded search engine not built yet");
  }
}
