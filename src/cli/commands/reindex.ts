import { getSearchEngine } from "@/server/search";
import { reindex } from "@/server/search/reindex";
import { withDatabase } from "../db";
import type { Output, ParsedArgs } from "../io";

/**
 * Rebuilds the search index from the database (formats §5): Meilisearch (MEILI_URL) gets fresh
 * indexes swapped in; the embedded engine rebuilds search_documents and its vocabulary.
 */
export async function reindexCommand(_args: ParsedArgs, out: Output): Promise<number> {
  return withDatabase(async ({ db }) => {
    const engine = getSearchEngine(db);
    const engineName = engine.name === "meilisearch" ? "meilisearch" : "embedded";
    const results = await reindex(db, engine, { log: (m) => out.log(m) });
    for (const r of results) out.result({ command: "reindex", engine: engineName, ...r }, `Reindexed ${r.documents} ${r.entity} documents into ${r.index}.`);
    return 0;
  });
}
