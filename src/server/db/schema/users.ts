import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum } from "./enums";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Stored lower-cased; unique among users that have one.
    email: text("email"),
    // E.164 (+8613812345678); unique among users that have one.
    phone: text("phone"),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: localeEnum("locale").notNull().default("zh-CN"),
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    activeOrganizationId: uuid("active_organization_id"),
    privacyConsentAt: timestamp("privacy_consent_at", { withTimezone: true }).notNull(),
    privacyPolicyVersion: text("privacy_policy_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email).where(sql`${t.email} is not null`),
    uniqueIndex("users_phone_key").on(t.phone).where(sql`${t.phone} is not null`),
  ],
);

/** One-time codes sent by SMS; only a hash is kept. */
export const otpCodes = pgTable(
  "otp_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    phone: text("phone").notNull(),
    codeHash: text("code_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("otp_codes_phone_idx").on(t.phone, t.createdAt)],
);

/** Failed and successful sign-in attempts, counted per account and per IP for rate limiting. */
export const authAttempts = pgTable(
  "auth_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: text("scope", { enum: ["account", "ip"] }).notNull(),
    key: text("key").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("auth_attempts_key_idx").on(t.scope, t.key, t.createdAt)],
);
