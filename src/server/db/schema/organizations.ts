import { sql } from "drizzle-orm";
import { date, doublePrecision, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { memberRoleEnum, orgTypeEnum, verificationStateEnum } from "./enums";
import { users } from "./users";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: orgTypeEnum("type").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en"),
    // 统一社会信用代码, normalised; unique among organisations that have one.
    uscc: text("uscc"),
    licenseFileId: uuid("license_file_id"),
    provinceAdcode: text("province_adcode").notNull().default("370000"),
    cityAdcode: text("city_adcode"),
    countyAdcode: text("county_adcode"),
    address: text("address"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    smeLevel: text("sme_level"),
    smeLevelValidUntil: date("sme_level_valid_until"),
    description: text("description"),
    website: text("website"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    verificationState: verificationStateEnum("verification_state").notNull().default("unverified"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedBy: uuid("verified_by").references(() => users.id, { onDelete: "set null" }),
    verificationNote: text("verification_note"),
    // Onboarding (issue 6, docs/entity-resolution.md): where each field's value came from
    // ({ address: { source: "import:<jobId>" | "owner" | "centre:<orgId>", at, line? } }), how the
    // organisation came to exist, who created it, and when a firm's claim of it was approved.
    fieldSources: jsonb("field_sources").$type<Record<string, { source: string; at: string; line?: number }>>().notNull().default({}),
    createdVia: text("created_via", { enum: ["signup", "import", "centre"] }).notNull().default("signup"),
    createdByOrgId: uuid("created_by_org_id").references((): AnyPgColumn => organizations.id, { onDelete: "set null" }),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organizations_uscc_key").on(t.uscc).where(sql`${t.uscc} is not null`),
    index("organizations_city_idx").on(t.cityAdcode),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRoleEnum("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("memberships_org_user_key").on(t.organizationId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: memberRoleEnum("role").notNull(),
    // sha256 of the token in the e-mailed link; the token itself is never stored.
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_token_key").on(t.tokenHash), index("invitations_org_idx").on(t.organizationId)],
);
