import "server-only";
import { env } from "@/env";
import { openDatabase, type DatabaseHandle } from "./open";
import type { Db } from "./types";
import { ensurePlatformAdmin } from "../services/bootstrap";

async function announceAdmin(created: { email: string; password: string } | null) {
  if (!created) return;
  // Printed once, when the admin is created; the password is not stored anywhere in clear.
  console.log(`\n  纺链 Fanglian: platform admin created\n    e-mail:   ${created.email}\n    password: ${created.password}\n`);
}

export type { Db } from "./types";

// Kept on globalThis so Next's hot reloads reuse the one PGlite instance the directory allows.
const globalForDb = globalThis as unknown as { fanglianDb?: Promise<DatabaseHandle>; fanglianDbHooks?: boolean };

export function getDatabase(): Promise<DatabaseHandle> {
  if (!globalForDb.fanglianDb) {
    globalForDb.fanglianDb = openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR, sharedBuffers: env.PGLITE_SHARED_BUFFERS }).then(async (handle) => {
      await announceAdmin(await ensurePlatformAdmin(handle.db, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }));
      return handle;
    });
    globalForDb.fanglianDb.catch(() => {
      globalForDb.fanglianDb = undefined;
    });
    installShutdownHooks();
  }
  return globalForDb.fanglianDb;
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = globalForDb.fanglianDb;
  globalForDb.fanglianDb = undefined;
  if (handle) await (await handle).close();
}

function installShutdownHooks() {
  if (globalForDb.fanglianDbHooks) return;
  globalForDb.fanglianDbHooks = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void closeDatabase()
        .catch(() => {})
        .finally(() => process.exit(0));
    });
  }
}
