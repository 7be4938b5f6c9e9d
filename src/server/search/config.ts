import "server-only";
import { env } from "@/env";
import { MeilisearchEngine } from "./meilisearch";

/**
 * The Meilisearch adapter when MEILI_URL is set, else null (the embedded engine, which reads the
 * database directly, is chosen by the caller). The one place the search side reads env.
 */
export function meilisearchFromEnv(): MeilisearchEngine | null {
  if (!env.MEILI_URL) return null;
  return new MeilisearchEngine({ url: env.MEILI_URL, apiKey: env.MEILI_MASTER_KEY });
}
