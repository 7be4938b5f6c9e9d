import { assertProductionReady, env } from "./env";
import { getDatabase } from "./server/db/client";
import { meilisearchFromEnv } from "./server/search/config";
import { startSearchRelay } from "./server/search/relay";

export async function registerNode() {
  if (env.NEXT_PHASE === "phase-production-build") return;
  assertProductionReady();
  const { db } = await getDatabase();
  // With Meilisearch configured, this process drains the search outbox (run one relay per deployment).
  const engine = meilisearchFromEnv();
  if (engine) {
    await engine.ensureIndexes().catch((e) => console.error("Meilisearch is not reachable yet; the relay will retry:", e));
    startSearchRelay(db, engine, { intervalMs: 1000, log: (m) => console.log(`[search relay] ${m}`) });
  }
}
