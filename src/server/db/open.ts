import "server-only";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as schema from "./schema";
import { acquireDirectoryLock } from "./lock";
import type { Db, DbKind } from "./types";

export interface DatabaseHandle {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
}

/**
 * `sharedBuffers`: PGlite's shared_buffers (e.g. "512MB"); PGlite's own default (128MB) when
 * unset. Held in the process from the start (RSS), so only worth raising for a large database
 * (docs/embedded-database.md).
 */
export type DatabaseTarget = { url: string } | { pgliteDir: string; sharedBuffers?: string } | { memory: true; sharedBuffers?: string };

const migrationsFolder = path.resolve(
  // The migrations sit at the repository root; the app and the CLI both run from there.
  process.cwd(),
  "drizzle",
);

export function resolveMigrationsFolder(): string {
  if (fs.existsSync(path.join(migrationsFolder, "meta", "_journal.json"))) return migrationsFolder;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "../../../drizzle");
}

/** Opens a database and applies pending migrations. PGlite directories are locked for this process. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    const pool = new Pool({ connectionString: target.url, max: 10 });
    const db = drizzle(pool, { schema });
    await migrate(db, { migrationsFolder: resolveMigrationsFolder() });
    return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  // The embedded search engine's typo tolerance needs pg_trgm (created by a migration). cube and
  // earthdistance (nearest-first from a GiST index on PostgreSQL) are not loaded: with them, PGlite
  // 0.5 intermittently hangs in pg_trgm's `%` operator; PGlite sorts by distance without the index.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const sharedBuffers = "sharedBuffers" in target ? target.sharedBuffers : undefined;
  const startParams = sharedBuffers ? [...(PGlite as unknown as { defaultStartParams: string[] }).defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`] : undefined;
  const options = { extensions: { pg_trgm }, ...(startParams ? { startParams } : {}) };
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let release = () => {};
  let client: InstanceType<typeof PGlite>;
  if ("pgliteDir" in target) {
    release = acquireDirectoryLock(target.pgliteDir);
    try {
      fs.mkdirSync(target.pgliteDir, { recursive: true });
      client = await PGlite.create(path.resolve(target.pgliteDir), options);
    } catch (e) {
      release();
      throw e;
    }
  } else {
    client = await PGlite.create(options);
  }
  const db = drizzle(client, { schema });
  try {
    await migrate(db, { migrationsFolder: resolveMigrationsFolder() });
  } catch (e) {
    await client.close();
    release();
    throw e;
  }
  return {
    db: db as unknown as Db,
    kind: "pglite",
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
