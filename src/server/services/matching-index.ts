import "server-only";
import { sql } from "drizzle-orm";
import type { CandidateListing, MatchDemand, MatchResult } from "@/domain/matching/types";
import type { Db } from "../db/types";
import { rows } from "../search/postgres/sql";
import { loadCandidateListings } from "./matching-index-load";
import { Bucket, toEntry, type Entry } from "./matching-index-bucket";
import { rankIndexed } from "./matching-index-rank";

/**
 * The matcher's in-process candidate index: every published listing as the domain evaluates it,
 * in columns per chain link (matching-index-bucket.ts), one per database client (the app has one).
 *
 * It is exact at every match. Triggers (migration 0007) write a `market_changes` row for each
 * change to listings, their certificates, organisations, sites, certificates and delivery records,
 * in the writer's transaction, whoever writes (this process, another `next start`, the CLI, psql).
 * The index remembers the snapshot it equals the database at; before each match one statement asks
 * for the changes visible now that were not visible in that snapshot (by transaction id and
 * snapshot, not by row id: a transaction that took an earlier id but committed later is not
 * missed). Only when there are some, a REPEATABLE READ transaction reads them again and reloads the
 * listings and organisations they name, so the index moves from one snapshot to the next. A cold
 * index, or one older than a pruned part of the feed, is rebuilt from scratch.
 *
 * Pruning (at most every 10 minutes, by whoever refreshes): rows older than an hour are deleted
 * and, in the same statement, a marker row (no listing, no organisation) records the newest xid
 * deleted. An index that meets a marker it has not handled yet, whose xid its snapshot may not
 * have seen past (xid ≥ the snapshot's xmin), rebuilds instead of missing what was deleted.
 */

interface State {
  /** The pg_snapshot (text) the index equals the database at; null when cold. */
  snapshot: string | null;
  /** Prune markers already accounted for (seen in that snapshot, or rebuilt after). */
  markers: number[];
  byId: Map<string, Entry>;
  byOrg: Map<string, Set<string>>;
  buckets: Map<string, Bucket>;
  lastPrune: number;
  queue: Promise<unknown>;
  /** Full builds so far, and how long the last one took. */
  builds: number;
  builtMs: number;
}

const states = new WeakMap<object, State>();

function stateOf(db: Db): State {
  const client = (db as unknown as { $client?: object }).$client;
  // Inside a transaction the index could absorb uncommitted rows; matches run on the handle.
  if (!client) throw new Error("the matching index needs the database handle, not a transaction");
  let s = states.get(client);
  if (!s) states.set(client, (s = { snapshot: null, markers: [], byId: new Map(), byOrg: new Map(), buckets: new Map(), lastPrune: Date.now(), queue: Promise.resolve(), builds: 0, builtMs: 0 }));
  return s;
}

function add(s: State, c: CandidateListing) {
  const e = toEntry(c);
  s.byId.set(c.id, e);
  const ids = s.byOrg.get(c.company.id);
  if (ids) ids.add(c.id);
  else s.byOrg.set(c.company.id, new Set([c.id]));
  let b = s.buckets.get(c.chainLink);
  if (!b) s.buckets.set(c.chainLink, (b = new Bucket()));
  b.add(e);
}

function remove(s: State, id: string) {
  const e = s.byId.get(id);
  if (!e) return;
  s.byId.delete(id);
  const ids = s.byOrg.get(e.c.company.id)!;
  ids.delete(id);
  if (ids.size === 0) s.byOrg.delete(e.c.company.id);
  s.buckets.get(e.c.chainLink)!.remove(e);
}

// ---------------------------------------------------------------------------------------------
// Refresh from the change feed.

/** Listing and organisation changes not visible in `snapshot`. */
const changesSince = (snapshot: string) => sql`FROM market_changes
  WHERE xid >= pg_snapshot_xmin(${snapshot}::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, ${snapshot}::pg_snapshot)
    AND (listing_id IS NOT NULL OR organization_id IS NOT NULL)`;

/** Prune markers whose horizon `snapshot` (or the current one) may not have seen past. */
const markersSince = (snapshot: string | null) => sql`FROM market_changes
  WHERE xid >= pg_snapshot_xmin(${snapshot === null ? sql`pg_current_snapshot()` : sql`${snapshot}::pg_snapshot`}) AND listing_id IS NULL AND organization_id IS NULL`;

const ids = (xs: number[]) => sql`ARRAY[${sql.join([sql`0`, ...xs.map((x) => sql`${x}`)], sql`, `)}]::bigint[]`;

interface Head {
  snapshot: string;
  changes: Array<{ l: string | null; o: string | null }> | null;
  markers: number[] | null;
}

const PRUNE_EVERY_MS = 10 * 60_000;
/** More changes than this (a bulk import) and a full build is cheaper than reloading them one by one. */
const MAX_CHANGES = 5000;

async function refresh(db: Db, s: State): Promise<void> {
  if (s.snapshot !== null) {
    // The common case, one statement: nothing changed since the index's snapshot.
    const [quick] = await rows<{ snapshot: string; changed: boolean }>(
      db,
      sql`SELECT pg_current_snapshot()::text AS snapshot,
            EXISTS (SELECT 1 ${changesSince(s.snapshot)}) OR EXISTS (SELECT 1 ${markersSince(s.snapshot)} AND id <> ALL(${ids(s.markers)})) AS changed`,
    );
    if (!quick!.changed) {
      s.snapshot = quick!.snapshot;
      await maybePrune(db, s);
      return;
    }
  }
  const since = s.snapshot;
  const handled = new Set(s.markers);
  const started = performance.now();
  const update = await db.transaction(
    async (tx) => {
      const [h] = await rows<Head>(
        tx,
        sql`SELECT pg_current_snapshot()::text AS snapshot,
              ${since === null ? sql`NULL::json` : sql`(SELECT json_agg(json_build_object('l', listing_id, 'o', organization_id)) FROM (SELECT listing_id, organization_id ${changesSince(since)} LIMIT ${MAX_CHANGES + 1}) c)`} AS changes,
              (SELECT json_agg(id) ${markersSince(since)}) AS markers`,
      );
      const { snapshot, changes, markers } = { ...h!, changes: h!.changes ?? [], markers: (h!.markers ?? []).map(Number) };
      // Cold, a bulk change, or a marker not handled yet (the feed was pruned past what this index may have seen).
      if (since === null || changes.length > MAX_CHANGES || markers.some((m) => !handled.has(m))) return { snapshot, markers, full: true as const, loaded: await loadCandidateListings(tx, { all: true }) };
      const scope = {
        listingIds: [...new Set(changes.map((c) => c.l).filter((x): x is string => x !== null))],
        organizationIds: [...new Set(changes.map((c) => c.o).filter((x): x is string => x !== null))],
      };
      return { snapshot, markers, full: false as const, scope, loaded: await loadCandidateListings(tx, scope) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (update.full) {
    s.byId = new Map();
    s.byOrg = new Map();
    s.buckets = new Map();
    for (const c of update.loaded) add(s, c);
    s.builds++;
    s.builtMs = performance.now() - started;
  } else {
    for (const id of update.scope.listingIds) remove(s, id);
    for (const org of update.scope.organizationIds) for (const id of [...(s.byOrg.get(org) ?? [])]) remove(s, id);
    for (const c of update.loaded) add(s, c);
  }
  s.snapshot = update.snapshot;
  s.markers = update.markers;
  await maybePrune(db, s);
}

async function maybePrune(db: Db, s: State) {
  if (Date.now() - s.lastPrune < PRUNE_EVERY_MS) return;
  s.lastPrune = Date.now();
  await pruneMarketChanges(db);
}

/** Deletes feed rows older than `olderThan` (committed ones: others are invisible here), leaving a marker. */
export async function pruneMarketChanges(db: Db, olderThan = "1 hour"): Promise<number> {
  const [r] = await rows<{ deleted: number }>(
    db,
    sql`WITH gone AS (
          DELETE FROM market_changes WHERE created_at < now() - ${olderThan}::interval
          RETURNING xid
        ), marker AS (
          INSERT INTO market_changes (xid) SELECT max(xid) FROM gone HAVING count(*) > 0 RETURNING 1
        )
        SELECT (SELECT count(*) FROM gone)::int AS deleted`,
  );
  return r?.deleted ?? 0;
}

// ---------------------------------------------------------------------------------------------
// The matcher's entry points.

/** Brings the index of this database up to date (serialised per database: one refresh at a time). */
async function fresh(db: Db): Promise<State> {
  const s = stateOf(db);
  const run = s.queue.then(() => refresh(db, s));
  s.queue = run.catch(() => {});
  await run;
  return s;
}

/** Ranks the demand over the market as of now (the demand's chain link, or every listing without one). */
export async function rankMarket(db: Db, d: MatchDemand, asOf: string, top?: number): Promise<MatchResult> {
  const s = await fresh(db);
  const buckets = d.chainLink ? [s.buckets.get(d.chainLink)].filter((b): b is Bucket => !!b) : [...s.buckets.values()];
  return rankIndexed(d, buckets, asOf, top);
}

/** A published listing as the matcher sees it, or null. */
export async function indexedListing(db: Db, listingId: string): Promise<CandidateListing | null> {
  return (await fresh(db)).byId.get(listingId)?.c ?? null;
}

/** Every listing in the index, in id order (tests compare it with a fresh build). */
export async function indexedListings(db: Db): Promise<CandidateListing[]> {
  return [...(await fresh(db)).byId.values()].map((e) => e.c).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Brings the index up to date and says how big it is, how often it was built and how long the last build took. */
export async function matchingIndexStats(db: Db): Promise<{ listings: number; builds: number; buildMs: number }> {
  const s = await fresh(db);
  return { listings: s.byId.size, builds: s.builds, buildMs: s.builtMs };
}
