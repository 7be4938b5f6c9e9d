import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./open";

describe("openDatabase (PGlite)", () => {
  it("starts PGlite with the shared_buffers asked for, and with PGlite's default otherwise", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fanglian-open-"));
    try {
      for (const [sharedBuffers, shown] of [["48MB", "48MB"], [undefined, "128MB"]] as const) {
        const handle = await openDatabase({ pgliteDir: path.join(dir, "pglite"), sharedBuffers });
        try {
          const r = (await handle.db.execute(sql`show shared_buffers`)) as unknown as { rows: { shared_buffers: string }[] };
          expect(r.rows[0]!.shared_buffers).toBe(shown);
        } finally {
          await handle.close();
        }
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
