import "server-only";
import { and, count, desc, eq, gt, min } from "drizzle-orm";
import type { Db } from "../db/types";
import { authAttempts } from "../db/schema";
import { rateLimited } from "../errors";
import { getSetting } from "./settings";

export interface AttemptKeys {
  account: string;
  ip?: string;
}

/**
 * Refuses a sign-in when the account or the IP has too many recent failures. Failures of an account
 * count from its last success; an IP's do not reset on success, so one good login can't launder a spray.
 */
export async function assertNotRateLimited(db: Db, keys: AttemptKeys, at: Date): Promise<void> {
  const limits = await getSetting(db, "auth.rateLimit");
  const windowStart = new Date(at.getTime() - limits.windowSeconds * 1000);
  const [lastSuccess] = await db
    .select({ at: authAttempts.createdAt })
    .from(authAttempts)
    .where(and(eq(authAttempts.scope, "account"), eq(authAttempts.key, keys.account), eq(authAttempts.succeeded, true)))
    .orderBy(desc(authAttempts.createdAt))
    .limit(1);
  const accountSince = lastSuccess && lastSuccess.at > windowStart ? lastSuccess.at : windowStart;
  const checks: Array<{ scope: "account" | "ip"; key: string; since: Date; max: number }> = [
    { scope: "account", key: keys.account, since: accountSince, max: limits.maxFailuresPerAccount },
  ];
  if (keys.ip) checks.push({ scope: "ip", key: keys.ip, since: windowStart, max: limits.maxFailuresPerIp });
  for (const c of checks) {
    const [row] = await db
      .select({ n: count(), first: min(authAttempts.createdAt) })
      .from(authAttempts)
      .where(
        and(
          eq(authAttempts.scope, c.scope),
          eq(authAttempts.key, c.key),
          eq(authAttempts.succeeded, false),
          gt(authAttempts.createdAt, c.since),
        ),
      );
    if (row && row.n >= c.max) {
      const first = row.first ? new Date(row.first) : at;
      const retryMs = first.getTime() + limits.windowSeconds * 1000 - at.getTime();
      throw rateLimited(Math.max(1, Math.ceil(retryMs / 60_000)));
    }
  }
}

export async function recordAttempt(db: Db, keys: AttemptKeys, succeeded: boolean, at: Date): Promise<void> {
  const rows: Array<typeof authAttempts.$inferInsert> = [{ scope: "account", key: keys.account, succeeded, createdAt: at }];
  if (keys.ip) rows.push({ scope: "ip", key: keys.ip, succeeded, createdAt: at });
  await db.insert(authAttempts).values(rows);
}
