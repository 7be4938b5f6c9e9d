import { afterAll, beforeAll, describe, inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../server/db/open";
import type { Db } from "../server/db/types";

export interface TestDb {
  readonly db: Db;
  readonly kind: "pglite" | "postgres";
}

/**
 * Runs a suite once on an in-memory PGlite and, when TEST_DATABASE_URL is set, again on PostgreSQL.
 * Tests make their own data with the factories, so they never depend on what else is in the database.
 */
export function describeEachDb(name: string, body: (t: TestDb) => void, opts: { fresh?: boolean } = {}) {
  const pgUrl = inject("pgUrl");
  const targets: Array<{ kind: "pglite" | "postgres"; url?: string }> = [{ kind: "pglite" }];
  if (pgUrl) targets.push({ kind: "postgres", url: pgUrl });
  for (const target of targets) {
    describe(`${name} [${target.kind}]`, () => {
      let handle: DatabaseHandle | undefined;
      const t: TestDb = {
        get db() {
          if (!handle) throw new Error("database not open yet");
          return handle.db;
        },
        kind: target.kind,
      };
      let dropFresh: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        let url = target.url;
        if (url && opts.fresh) ({ url, drop: dropFresh } = await createFreshDatabase(url));
        handle = await openDatabase(url ? { url } : { memory: true });
      });
      afterAll(async () => {
        await handle?.close();
        await dropFresh?.();
      });
      body(t);
    });
  }
}

/**
 * A database of its own next to the run's, for suites that must see only their own rows (the
 * run's database is shared by the test files running in parallel).
 */
async function createFreshDatabase(runUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import("pg");
  const name = `${new URL(runUrl).pathname.slice(1)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new Client({ connectionString: runUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: runUrl });
      await c.connect();
      // pool.end() resolves before its clients' sockets close: let those backends go first, or
      // FORCE terminates them and the closing client reports the FATAL as an unhandled error.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1", [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
