import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/types";
import { appSettings } from "../db/schema";

/** Settings kept in the database, each with its schema and default. */
export const settingSchemas = {
  "auth.rateLimit": z.object({
    windowSeconds: z.number().int().min(1).max(86_400),
    maxFailuresPerAccount: z.number().int().min(1).max(10_000),
    maxFailuresPerIp: z.number().int().min(1).max(100_000),
  }),
  "auth.otp": z.object({
    ttlSeconds: z.number().int().min(30).max(3600),
    resendSeconds: z.number().int().min(0).max(3600),
    maxAttempts: z.number().int().min(1).max(20),
  }),
  /** "Demand fits your listing" alerts: the lowest match score (0–1) that notifies a supplier. */
  "alerts.fitThreshold": z.object({ minScore: z.number().min(0).max(1) }),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.infer<(typeof settingSchemas)[K]>;

export const settingDefaults: { [K in SettingKey]: SettingValue<K> } = {
  "auth.rateLimit": { windowSeconds: 15 * 60, maxFailuresPerAccount: 5, maxFailuresPerIp: 50 },
  "auth.otp": { ttlSeconds: 10 * 60, resendSeconds: 60, maxAttempts: 5 },
  "alerts.fitThreshold": { minScore: 0.6 },
};

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, key));
  if (!row) return settingDefaults[key];
  // A partial or stale stored value falls back to the defaults field by field.
  const parsed = settingSchemas[key].safeParse({ ...settingDefaults[key], ...(row.value as object) });
  return (parsed.success ? parsed.data : settingDefaults[key]) as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(db: Db, key: K, value: Partial<SettingValue<K>>): Promise<SettingValue<K>> {
  const merged = settingSchemas[key].parse({ ...(await getSetting(db, key)), ...value }) as SettingValue<K>;
  await db
    .insert(appSettings)
    .values({ key, value: merged })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: merged, updatedAt: sql`now()` } });
  return merged;
}
