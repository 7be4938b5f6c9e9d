import "server-only";
import { sql } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import type { Db } from "../db/types";
import { loadDocuments } from "./documents";
import type { SearchEngine, SearchEntity } from "./engine";
import { rows as query } from "./postgres/sql";

export interface RelayOptions {
  /** Rows claimed per pass. */
  batchSize?: number;
  /** A claimed row is hidden from other relays this long; if this process dies it is retried after. */
  leaseMs?: number;
  /** Backoff: base × 2^(attempts-1), capped. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => Date;
}

export interface RelayPass {
  claimed: number;
  sent: number;
  /** Superseded by a newer version of the same entity (pending or already sent). */
  stale: number;
  failed: number;
  error?: string;
}

interface Claimed {
  id: number;
  entity: SearchEntity;
  entityId: string;
  version: number;
  op: "upsert" | "delete";
  attempts: number;
}

export function backoffMs(attempts: number, base = 1_000, max = 15 * 60_000): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/**
 * One pass of the outbox relay: claims due rows in id order (a lease, not a long transaction, so
 * PGlite's single connection is never held across HTTP), drops rows a newer version supersedes,
 * pushes the current state of each remaining entity (upsert, or delete when the row is gone or the
 * change was a delete), and marks the rows processed. Delivery is at least once: a crash between
 * the push and the mark repeats the push, which is idempotent (documents are replaced by id). A
 * failure leaves the rows pending with attempts+1 and an exponential backoff.
 */
export async function relaySearchOutbox(db: Db, engine: SearchEngine, opts: RelayOptions = {}): Promise<RelayPass> {
  const now = opts.now?.() ?? new Date();
  const batch = opts.batchSize ?? 500;
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? 5 * 60_000));
  const claimed = (
    await query<{ id: string | number; entity: SearchEntity; entity_id: string; version: number; op: "upsert" | "delete"; attempts: number }>(db, sql`
      update search_outbox set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
      where id in (
        select id from search_outbox
        where processed_at is null and next_attempt_at <= ${now.toISOString()}::timestamptz
        order by id limit ${batch}
        for update skip locked)
      returning id, entity, entity_id, version, op, attempts`)
  ).map((r): Claimed => ({ id: Number(r.id), entity: r.entity, entityId: r.entity_id, version: Number(r.version), op: r.op, attempts: Number(r.attempts) }));
  const pass: RelayPass = { claimed: claimed.length, sent: 0, stale: 0, failed: 0 };
  if (claimed.length === 0) return pass;
  claimed.sort((a, b) => a.id - b.id);

  // Newest version per entity among the claimed rows; the rest are superseded.
  const newest = new Map<string, Claimed>();
  for (const row of claimed) {
    const key = `${row.entity}:${row.entityId}`;
    const prev = newest.get(key);
    if (!prev || row.version > prev.version || (row.version === prev.version && row.id > prev.id)) newest.set(key, row);
  }
  // A version already sent (or pending outside this batch) that is newer also supersedes.
  const heads = [...newest.values()];
  const keys = heads.map((h) => `${h.entity}:${h.entityId}`);
  const latest = new Map(
    (
      await query<{ key: string; version: number }>(db, sql`
        select entity || ':' || entity_id::text as key, max(version) as version from search_outbox
        where entity || ':' || entity_id::text in (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})
        group by 1`)
    ).map((r) => [r.key, Number(r.version)]),
  );
  const newer = new Set(heads.filter((h) => (latest.get(`${h.entity}:${h.entityId}`) ?? 0) > h.version).map((h) => `${h.entity}:${h.entityId}`));
  const send = heads.filter((h) => !newer.has(`${h.entity}:${h.entityId}`));
  const sendIds = new Set(send.map((h) => h.id));
  const staleIds = claimed.filter((r) => !sendIds.has(r.id)).map((r) => r.id);
  pass.stale = staleIds.length;

  const processed = [...staleIds];
  const failures: { ids: number[]; error: string }[] = [];
  const today = chinaToday(now);
  for (const entity of ["listing", "demand"] as const) {
    const rows = send.filter((h) => h.entity === entity);
    if (rows.length === 0) continue;
    try {
      const wantUpsert = rows.filter((r) => r.op === "upsert").map((r) => r.entityId);
      const docs = await loadDocuments(db, entity, wantUpsert, today);
      const found = new Set(docs.map((d) => d.id));
      // Deleted rows (or upserts of rows deleted since) go out as deletes.
      const deletes = rows.filter((r) => r.op === "delete" || !found.has(r.entityId)).map((r) => r.entityId);
      if (docs.length) await engine.upsert(entity, docs);
      if (deletes.length) await engine.delete(entity, deletes);
      processed.push(...rows.map((r) => r.id));
      pass.sent += rows.length;
    } catch (e) {
      failures.push({ ids: rows.map((r) => r.id), error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (processed.length)
    // The database's clock: reindex compares processed_at with it.
    await db.execute(sql`update search_outbox set processed_at = now(), last_error = null
      where id in (${sql.join(processed.map((id) => sql`${id}`), sql`, `)})`);
  for (const failure of failures) {
    pass.failed += failure.ids.length;
    pass.error = failure.error;
    for (const row of claimed.filter((r) => failure.ids.includes(r.id))) {
      const attempts = row.attempts + 1;
      const next = new Date(now.getTime() + backoffMs(attempts, opts.backoffBaseMs, opts.backoffMaxMs));
      await db.execute(sql`update search_outbox set attempts = ${attempts}, next_attempt_at = ${next.toISOString()}::timestamptz,
        last_error = ${failure.error.slice(0, 2000)} where id = ${row.id}`);
    }
  }
  return pass;
}

/** Runs passes until nothing is due (or a pass fails); returns the totals. */
export async function drainSearchOutbox(db: Db, engine: SearchEngine, opts: RelayOptions = {}): Promise<RelayPass> {
  const total: RelayPass = { claimed: 0, sent: 0, stale: 0, failed: 0 };
  for (;;) {
    const pass = await relaySearchOutbox(db, engine, opts);
    total.claimed += pass.claimed;
    total.sent += pass.sent;
    total.stale += pass.stale;
    total.failed += pass.failed;
    if (pass.error) total.error = pass.error;
    if (pass.claimed === 0 || pass.failed > 0) return total;
  }
}

// Per database handle and on globalThis: Next bundles instrumentation and route handlers apart, so
// module state would not be shared between the background relay and drain-on-read.
const drains: WeakMap<object, { engine: SearchEngine; pass: Promise<RelayPass> }> = ((globalThis as { fanglianSearchDrains?: WeakMap<object, never> }).fanglianSearchDrains ??= new WeakMap());

/**
 * `drainSearchOutbox`, one at a time per database in this process: a caller that finds a drain
 * running into the same engine shares it instead of starting another (the background relay and
 * the embedded engine's drain-on-read both go through here).
 */
export function drainOnce(db: Db, engine: SearchEngine, opts: RelayOptions = {}): Promise<RelayPass> {
  const current = drains.get(db);
  if (current && current.engine === engine) return current.pass;
  const pass = drainSearchOutbox(db, engine, opts).finally(() => {
    if (drains.get(db)?.pass === pass) drains.delete(db);
  });
  drains.set(db, { engine, pass });
  return pass;
}

/** The drain running on a database in this process, if any. */
export function inFlightDrain(db: Db): Promise<RelayPass> | undefined {
  return drains.get(db)?.pass;
}

/**
 * Keeps the relay running in a server process: a pass every `intervalMs` (passes never overlap).
 * Returns a stop function. Errors are logged and retried by the backoff, never thrown.
 */
export function startSearchRelay(db: Db, engine: SearchEngine, opts: RelayOptions & { intervalMs?: number; log?: (msg: string) => void } = {}): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    current = drainOnce(db, engine, opts)
      .then((p) => {
        if (p.error) opts.log?.(`search relay: ${p.failed} change(s) will be retried: ${p.error}`);
      })
      .catch((e) => opts.log?.(`search relay: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs ?? 1_000);
      });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await current;
  };
}

/**
 * Deletes processed rows older than `before` (keep a day or so: they tell the relay what was sent).
 * Pending rows are never pruned: both engines drain the outbox (the embedded one in-process and on
 * every search), so a pending row is a change some index has not applied yet.
 */
export async function pruneSearchOutbox(db: Db, before: Date): Promise<number> {
  const deleted = await query<{ id: number }>(db, sql`delete from search_outbox where processed_at is not null and processed_at < ${before.toISOString()}::timestamptz returning id`);
  return deleted.length;
}
