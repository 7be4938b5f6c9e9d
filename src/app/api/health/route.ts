import { sql } from "drizzle-orm";
import { env } from "@/env";
import { getDatabase } from "@/server/db/client";
import { version } from "@/server/version";

export const dynamic = "force-dynamic";

/** Liveness and readiness in one: database round-trip, which search engine is configured, version. */
export async function GET() {
  const started = Date.now();
  let database: { ok: boolean; kind?: string; latencyMs?: number; error?: string };
  try {
    const handle = await getDatabase();
    await handle.db.execute(sql`select 1`);
    database = { ok: true, kind: handle.kind, latencyMs: Date.now() - started };
  } catch (e) {
    database = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const search = { engine: env.MEILI_URL ? "meilisearch" : "postgres" };
  const body = { status: database.ok ? "ok" : "error", version, database, search };
  return Response.json(body, { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
