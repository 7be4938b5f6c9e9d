import { meilisearchFromEnv } from "@/server/search/config";
import { reindex } from "@/server/search/reindex";
import { withDatabase } from "../db";
import type { Output, ParsedArgs } from "../io";

/** Rebuilds the Meilisearch indexes from the database and swaps them in (formats §5). */
export async function reindexCommand(_args: ParsedArgs, out: Output): Promise<number> {
  const engine = meilisearchFromEnv();
  if (!engine) {
    out.result(
      { command: "reindex", engine: "embedded", reindexed: false },
      "The embedded search engine reads the database directly and needs no reindex (set MEILI_URL to use Meilisearch).",
    );
    return 0;
  }
  return withDatabase(async ({ db }) => {
    const results = await reindex(db, engine, { log: (m) => out.log(m) });
    for (const r of results) out.result({ command: "reindex", engine: "meilisearch", ...r }, `Reindexed ${r.documents} ${r.entity} documents into ${r.index}.`);
    return 0;
  });
}
