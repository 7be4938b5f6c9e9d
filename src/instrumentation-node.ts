import { assertProductionReady, env } from "./env";
import { getDatabase } from "./server/db/client";
import { getSearchEngine } from "./server/search";
import { startSearchRelay } from "./server/search/relay";
import { startAlertLoop } from "./server/services/alerts";
import { startMailRelay } from "./server/services/mail-relay";

export async function registerNode() {
  if (env.NEXT_PHASE === "phase-production-build") return;
  assertProductionReady();
  const { db } = await getDatabase();
  // "Demand fits your listing" and saved-search alerts: every minute, and right after a demand is posted.
  startAlertLoop(db, { log: (m) => console.log(`[alerts] ${m}`) });
  // E-mails of the outbox go out over SMTP every 10 s when SMTP_URL is set; without it they stay for /admin/outbox.
  if (env.SMTP_URL) startMailRelay(db, { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, log: (m) => console.log(`[mail] ${m}`) });
  // This process drains the search outbox into the engine it searches with: Meilisearch when
  // MEILI_URL is set (run one relay per deployment), else the embedded engine in the database
  // (which also drains on every search, so a committed change is found by the next search).
  const engine = getSearchEngine(db);
  await engine.ensureIndexes().catch((e) => console.error(`The ${engine.name} search engine is not ready yet; the relay will retry:`, e));
  startSearchRelay(db, engine, { intervalMs: 1000, log: (m) => console.log(`[search relay] ${m}`) });
}
