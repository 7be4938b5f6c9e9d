import "server-only";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/types";

/** Rows of a raw statement: both drivers (PGlite, node-postgres) answer `db.execute` with `{ rows }`. */
export async function rows<T>(db: Db, q: SQL): Promise<T[]> {
  return ((await db.execute(q)) as unknown as { rows: T[] }).rows;
}
