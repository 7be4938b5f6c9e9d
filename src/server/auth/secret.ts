import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { env } from "@/env";

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET when set. Otherwise (embedded mode, development) a secret generated once and kept in
 * the data directory, so sessions survive restarts without any configuration.
 */
export function getAuthSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (cached) return cached;
  const file = path.join(env.dataDir, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(env.dataDir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      cached = secret;
    } catch {
      // Another process wrote it first; use theirs.
      cached = fs.readFileSync(file, "utf8").trim();
    }
  }
  return cached!;
}
