import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { importJobs } from "./market";
import { organizations } from "./organizations";
import { files } from "./system";
import { users } from "./users";

/**
 * Onboarding (issue 6): the other names an organisation is known by, the pairs entity resolution
 * could not decide (a person merges them or keeps them apart), and firms claiming (认领) the
 * profile an import or a service centre created for them.
 */

/** Other spellings of an organisation's name, each with where it came from (`import:<jobId>`, `owner`, `review:<itemId>`). */
export const organizationAliases = pgTable(
  "organization_aliases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    source: text("source").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organization_aliases_org_name_key").on(t.organizationId, t.name)],
);

export const reviewStatusEnum = pgEnum("review_status", ["pending", "merged", "kept_apart"]);

/** A row scored between REVIEW_THRESHOLD and MERGE_THRESHOLD against one or more organisations. */
export const importReviewItems = pgTable(
  "import_review_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    importJobId: uuid("import_job_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    /** The account whose import queued it (a service centre), null for the platform: who may decide. */
    ownerOrgId: uuid("owner_org_id").references(() => organizations.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    /** The same row in a later import is the same item: normalised name, province, address, coordinates. */
    rowKey: text("row_key").notNull(),
    /** The record the row would create (domain OrgRecord without id), its flags and stated place. */
    incoming: jsonb("incoming").notNull(),
    candidateOrgId: uuid("candidate_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    score: doublePrecision("score").notNull(),
    /** Every candidate with its score, rule and parts, best first (the first is `candidate_org_id`). */
    candidates: jsonb("candidates").notNull(),
    status: reviewStatusEnum("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** The organisation merged into, or created by keeping the row apart. */
    resultOrgId: uuid("result_org_id").references(() => organizations.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("import_review_items_pending_key").on(t.rowKey, t.candidateOrgId).where(sql`${t.status} = 'pending'`),
    index("import_review_items_row_key_idx").on(t.rowKey),
    index("import_review_items_owner_idx").on(t.ownerOrgId, t.status),
  ],
);

export const claimStatusEnum = pgEnum("claim_status", ["pending", "approved", "rejected"]);

/** A firm's request to own a profile it did not create; a platform admin approves it after reading the licence. */
export const organizationClaims = pgTable(
  "organization_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    claimantUserId: uuid("claimant_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The claimant's active organisation when they claimed, if any (context for the reviewer). */
    claimantOrgId: uuid("claimant_org_id").references(() => organizations.id, { onDelete: "set null" }),
    licenseFileId: uuid("license_file_id")
      .notNull()
      .references(() => files.id, { onDelete: "cascade" }),
    uscc: text("uscc").notNull(),
    status: claimStatusEnum("status").notNull().default("pending"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open claim per organisation: a second firm waits for the first decision.
    uniqueIndex("organization_claims_pending_key").on(t.organizationId).where(sql`${t.status} = 'pending'`),
    index("organization_claims_claimant_idx").on(t.claimantUserId),
  ],
);

export const managedConsentStatusEnum = pgEnum("managed_consent_status", ["requested", "active", "declined", "revoked"]);

/**
 * A member firm's consent that a service centre manages its profile and listings (代管): the centre
 * asks (`requested`) and the firm's owner or admin accepts or declines, or the firm grants it
 * directly (`active`); either side may end it (`revoked`). While active, the centre's members edit
 * the firm's profile and listings; each field they write is sourced `centre:<centreOrgId>`. One
 * live (requested or active) row per pair; ended rows stay as history.
 */
export const managedProfileConsents = pgTable(
  "managed_profile_consents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    centreOrgId: uuid("centre_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    status: managedConsentStatusEnum("status").notNull(),
    note: text("note"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedBy: uuid("ended_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("managed_profile_consents_live_key").on(t.organizationId, t.centreOrgId).where(sql`${t.status} in ('requested', 'active')`),
    index("managed_profile_consents_centre_idx").on(t.centreOrgId, t.status),
  ],
);
