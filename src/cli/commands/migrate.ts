import { withDatabase } from "../db";
import type { Output, ParsedArgs } from "../io";

/** Applies pending migrations (every command does this first; this one does nothing else). */
export async function migrateCommand(_args: ParsedArgs, out: Output): Promise<number> {
  return withDatabase(async ({ kind }) => {
    out.result({ command: "migrate", database: kind, ok: true }, `Migrations applied (${kind}).`);
    return 0;
  });
}
