import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/types";
import { users } from "../db/schema";
import { hashPassword } from "../auth/password";
import { PRIVACY_POLICY_VERSION } from "./accounts";

export const DEFAULT_ADMIN_EMAIL = "admin@fanglian.local";

/**
 * Makes sure a platform admin exists. With ADMIN_EMAIL/ADMIN_PASSWORD that account is created (or
 * promoted); otherwise, on a database with no admin, one is made with a random password that is
 * returned so the caller can print it once.
 */
export async function ensurePlatformAdmin(
  db: Db,
  opts: { email?: string; password?: string },
): Promise<{ email: string; password: string } | null> {
  if (opts.email) {
    const [existing] = await db.select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.email, opts.email));
    if (existing) {
      if (!existing.isPlatformAdmin) await db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, existing.id));
      return null;
    }
    if (!opts.password) throw new Error("ADMIN_EMAIL is set but ADMIN_PASSWORD is not: set both to create the platform admin.");
    await insertAdmin(db, opts.email, opts.password);
    return { email: opts.email, password: "(from ADMIN_PASSWORD)" };
  }
  const [anyAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.isPlatformAdmin, true)).limit(1);
  if (anyAdmin) return null;
  const password = randomBytes(9).toString("base64url");
  await insertAdmin(db, DEFAULT_ADMIN_EMAIL, password);
  return { email: DEFAULT_ADMIN_EMAIL, password };
}

async function insertAdmin(db: Db, email: string, password: string) {
  await db.insert(users).values({
    email,
    name: "Platform admin",
    passwordHash: await hashPassword(password),
    isPlatformAdmin: true,
    privacyConsentAt: new Date(),
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
  }).onConflictDoNothing();
}
