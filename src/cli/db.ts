import { env } from "@/env";
import { openDatabase, type DatabaseHandle } from "@/server/db/open";

/** Every command opens the configured database (migrating it first) and closes it when done. */
export async function withDatabase<T>(fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR, sharedBuffers: env.PGLITE_SHARED_BUFFERS });
  const release = () => void handle.close();
  process.once("SIGINT", release);
  process.once("SIGTERM", release);
  try {
    return await fn(handle);
  } finally {
    process.off("SIGINT", release);
    process.off("SIGTERM", release);
    await handle.close();
  }
}
