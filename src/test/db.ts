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
export function describeEachDb(name: string, body: (t: TestDb) => void) {
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
      beforeAll(async () => {
        handle = await openDatabase(target.url ? { url: target.url } : { memory: true });
      });
      afterAll(async () => {
        await handle?.close();
      });
      body(t);
    });
  }
}
