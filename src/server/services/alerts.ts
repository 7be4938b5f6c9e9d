import "server-only";
import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { chinaToday } from "@/domain/certificates";
import { searchPageUrl } from "@/domain/search/url-state";
import { savedSearchQuerySchema } from "@/domain/schemas/search";
import type { Db } from "../db/types";
import { demands, listings, memberships, savedSearches } from "../db/schema";
import { getSearchEngine } from "../search";
import type { SearchEngine } from "../search/engine";
import { f } from "../search/filter";
import { enqueueEndedGrantDocuments } from "./billing-limits";
import { remindLateStages } from "./deal-reminders";
import { demandRowToMatchDemand, matchDemand } from "./matching";
import { notify } from "./notifications";
import { searchMarket } from "./search";
import { getSetting } from "./settings";

/**
 * Alerts, run by the app every minute (startAlertLoop), right after a demand is posted
 * (nudgeAlerts) and by `fanglian alerts`:
 *  (a) each open public demand nobody has been told about yet is matched forward once; every
 *      organisation (not the buyer's) with a listing scoring at least `alerts.fitThreshold` hears
 *      about it, naming its best listing;
 *  (b) each saved search with an alert reports the results that appeared since it was last checked;
 *  (c) late deal stages are flagged to both sides of the deal, once per stage (deal-reminders.ts);
 *  (d) the documents of organisations whose plan grant ended by date are queued for the search
 *      index (their placement flags; billing-limits.ts#enqueueEndedGrantDocuments).
 * Work is claimed with a conditional update in the transaction that writes the notifications, so
 * re-runs and concurrent runners notify nobody twice. Matching and searching happen before that
 * short transaction (PGlite has a single connection; a long one would stall the app).
 */

export interface AlertRun {
  demandsChecked: number;
  demandNotifications: number;
  savedSearchesChecked: number;
  savedSearchNotifications: number;
  /** Late deal stages flagged (each to both sides). */
  lateDealStages: number;
  failures: number;
}

export interface AlertOptions {
  now?: Date;
  /** "Today" for the matcher (certificate validity, capacity windows); default China's date of `now`. */
  asOf?: string;
  /** Demands per run (the rest wait for the next run). */
  demandBatch?: number;
  log?: (message: string) => void;
}

export async function runAlerts(db: Db, opts: AlertOptions = {}): Promise<AlertRun> {
  const at = opts.now ?? new Date();
  const run: AlertRun = { demandsChecked: 0, demandNotifications: 0, savedSearchesChecked: 0, savedSearchNotifications: 0, lateDealStages: 0, failures: 0 };
  const fail = (what: string, e: unknown) => {
    run.failures++;
    (opts.log ?? console.error)(`alerts: ${what}: ${e instanceof Error ? e.message : String(e)}`);
  };
  await demandFitAlerts(db, at, opts.asOf ?? chinaToday(at), opts.demandBatch ?? 200, run, fail);
  await savedSearchAlerts(db, at, run, fail);
  try {
    run.lateDealStages = await remindLateStages(db, at);
  } catch (e) {
    fail("late deal stages", e);
  }
  try {
    await enqueueEndedGrantDocuments(db, at);
  } catch (e) {
    fail("ended plan grants", e);
  }
  return run;
}

// ---- (a) demands that fit a supplier's listing ----

async function demandFitAlerts(db: Db, at: Date, asOf: string, batch: number, run: AlertRun, fail: (what: string, e: unknown) => void) {
  const { minScore } = await getSetting(db, "alerts.fitThreshold");
  const pending = await db
    .select()
    .from(demands)
    .where(and(isNull(demands.fitNotifiedAt), eq(demands.status, "open"), eq(demands.visibility, "public"), or(isNull(demands.quoteDeadline), gt(demands.quoteDeadline, at))))
    .orderBy(asc(demands.createdAt), asc(demands.id))
    .limit(batch);
  for (const demand of pending) {
    try {
      run.demandNotifications += await notifyDemandFit(db, demand, at, asOf, minScore);
      run.demandsChecked++;
    } catch (e) {
      fail(`demand ${demand.id}`, e);
    }
  }
}

async function notifyDemandFit(db: Db, demand: typeof demands.$inferSelect, at: Date, asOf: string, minScore: number): Promise<number> {
  const md = demandRowToMatchDemand(demand);
  // As "demands that fit you": a demand with neither chain link nor process is too vague to match.
  const results = !md.chainLink && md.processes.length === 0 ? [] : (await matchDemand(db, md, asOf)).results.filter((r) => r.score >= minScore);
  const info = new Map(
    (results.length
      ? await db.select({ id: listings.id, title: listings.title, organizationId: listings.organizationId }).from(listings).where(inArray(listings.id, results.map((r) => r.listingId)))
      : []
    ).map((l) => [l.id, l]),
  );
  // Results are best first: the first listing seen per organisation is its best.
  const best = new Map<string, { title: string; score: number; listingId: string }>();
  for (const r of results) {
    const l = info.get(r.listingId);
    if (!l || l.organizationId === demand.organizationId || best.has(l.organizationId)) continue;
    best.set(l.organizationId, { title: l.title, score: r.score, listingId: l.id });
  }
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(demands)
      .set({ fitNotifiedAt: at })
      .where(and(eq(demands.id, demand.id), isNull(demands.fitNotifiedAt)))
      .returning({ id: demands.id });
    if (!claimed) return 0;
    let n = 0;
    for (const [organizationId, b] of best) {
      const r = await notify(tx, {
        organizationId,
        kind: "demandFit",
        params: { title: demand.title, listing: b.title, score: Math.round(b.score * 100) },
        link: `/demands/${demand.id}`,
        dedupeKey: `demandFit:${demand.id}:${organizationId}`,
      });
      n += r.inApp > 0 || r.emails > 0 ? 1 : 0;
    }
    return n;
  });
}

// ---- (b) saved searches with an alert ----

/** The engine with the user's own organisations' items filtered out (they are not news to them). */
function excludingOrganizations(engine: SearchEngine, orgIds: string[]): SearchEngine {
  if (orgIds.length === 0) return engine;
  return {
    name: engine.name,
    external: engine.external,
    ensureIndexes: () => engine.ensureIndexes(),
    upsert: (entity, docs) => engine.upsert(entity, docs),
    delete: (entity, ids) => engine.delete(entity, ids),
    search: (entity, q) => engine.search(entity, { ...q, filter: f.and(q.filter, f.notIn("organizationId", orgIds)) }),
  };
}

const TITLES = 3;

async function savedSearchAlerts(db: Db, at: Date, run: AlertRun, fail: (what: string, e: unknown) => void) {
  const due = await db.select().from(savedSearches).where(eq(savedSearches.alert, true)).orderBy(asc(savedSearches.lastCheckedAt));
  if (due.length === 0) return;
  const engine = getSearchEngine(db);
  for (const s of due) {
    try {
      const parsed = savedSearchQuerySchema.safeParse(s.query);
      if (!parsed.success) continue;
      const own = (await db.select({ id: memberships.organizationId }).from(memberships).where(eq(memberships.userId, s.userId))).map((m) => m.id);
      const result = await searchMarket(
        db,
        { ...parsed.data, sort: "newest", hitsPerPage: TITLES },
        { updatedAfterMs: s.lastCheckedAt.getTime(), facets: false, engine: excludingOrganizations(engine, own) },
      );
      run.savedSearchesChecked++;
      const sent = await db.transaction(async (tx) => {
        // Claimed only if no other runner advanced it since it was read.
        const [claimed] = await tx
          .update(savedSearches)
          .set({ lastCheckedAt: at })
          .where(
            and(
              eq(savedSearches.id, s.id),
              // Compared at the millisecond JavaScript read (the column keeps microseconds).
              sql`date_trunc('milliseconds', ${savedSearches.lastCheckedAt}) = ${s.lastCheckedAt.toISOString()}::timestamptz`,
              eq(savedSearches.alert, true),
            ),
          )
          .returning({ id: savedSearches.id });
        if (!claimed || result.total === 0) return false;
        const newest = result.hits[0]!.document;
        const titles = result.hits.map((h) => h.document.titleZh ?? h.document.titleEn ?? "").filter(Boolean);
        const r = await notify(tx, {
          userIds: [s.userId],
          kind: "savedSearch",
          params: { name: s.name, count: result.total, titles, entity: s.entity },
          link: searchPageUrl(parsed.data),
          dedupeKey: `savedSearch:${s.id}:${newest.id}:${newest.updatedAt}`,
        });
        return r.inApp > 0 || r.emails > 0;
      });
      if (sent) run.savedSearchNotifications++;
    } catch (e) {
      fail(`saved search ${s.id}`, e);
    }
  }
}

// ---- The in-process loop ----

interface Loop {
  trigger(): void;
  stop(): void;
}

// On globalThis: Next bundles instrumentation and route handlers separately, each with its own copy of
// this module, and the nudge from a request must reach the loop instrumentation started.
const registry = globalThis as typeof globalThis & { __fanglianAlertLoop?: Loop | null };

/**
 * Runs `runAlerts` every `intervalMs` (60 s) in this process, never two at once: a trigger during a
 * run schedules one more right after it. Errors are logged and the loop goes on.
 */
export function startAlertLoop(db: Db, opts: { intervalMs?: number; log?: (m: string) => void } = {}): Loop {
  registry.__fanglianAlertLoop?.stop();
  const interval = opts.intervalMs ?? 60_000;
  const log = opts.log ?? ((m: string) => console.log(`[alerts] ${m}`));
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  async function tick() {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const r = await runAlerts(db, { log });
      if (r.demandNotifications || r.savedSearchNotifications || r.lateDealStages)
        log(`notified: ${r.demandNotifications} organisation(s) of demands that fit, ${r.savedSearchNotifications} saved search(es) of new results, ${r.lateDealStages} late deal stage(s)`);
    } catch (e) {
      log(`run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule(0);
      } else schedule(interval);
    }
  }
  const loop: Loop = {
    trigger: () => (running ? (again = true) : schedule(0)),
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (registry.__fanglianAlertLoop === loop) registry.__fanglianAlertLoop = null;
    },
  };
  registry.__fanglianAlertLoop = loop;
  schedule(Math.min(interval, 5_000));
  return loop;
}

/**
 * Asks the running loop for a pass now (after a demand is posted, once its transaction committed).
 * Fire and forget: without a loop in this process (CLI, tests) it does nothing and the next
 * `fanglian alerts` or loop pass picks the demand up.
 */
export function nudgeAlerts(): void {
  registry.__fanglianAlertLoop?.trigger();
}
