import { sql } from "drizzle-orm";
import { boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { verificationStateEnum } from "./enums";
import { organizations } from "./organizations";
import { files } from "./system";
import { users } from "./users";

export const listingKindEnum = pgEnum("listing_kind", ["capability", "capacity"]);
export const listingStatusEnum = pgEnum("listing_status", ["draft", "published", "paused", "archived"]);
export const demandStatusEnum = pgEnum("demand_status", ["open", "closed", "awarded", "expired"]);
export const demandVisibilityEnum = pgEnum("demand_visibility", ["public", "invited"]);

/** A place where a firm produces; listings point at one (imports carry address and coordinates per row). */
export const sites = pgTable(
  "sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    address: text("address"),
    provinceAdcode: text("province_adcode").notNull().default("370000"),
    cityAdcode: text("city_adcode"),
    countyAdcode: text("county_adcode"),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sites_org_idx").on(t.organizationId)],
);

export const certifications = pgTable(
  "certifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    schemeId: text("scheme_id").notNull(),
    number: text("number"),
    validFrom: date("valid_from"),
    validTo: date("valid_to"),
    evidenceFileId: uuid("evidence_file_id").references(() => files.id, { onDelete: "set null" }),
    verificationState: verificationStateEnum("verification_state").notNull().default("pending"),
    verifiedBy: uuid("verified_by").references(() => users.id, { onDelete: "set null" }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verificationNote: text("verification_note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("certifications_org_idx").on(t.organizationId),
    // Imports add a certificate once per scheme and expiry.
    uniqueIndex("certifications_org_scheme_expiry_key").on(t.organizationId, t.schemeId, sql`coalesce(${t.validTo}, '9999-12-31'::date)`),
  ],
);

export const listings = pgTable(
  "listings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "set null" }),
    kind: listingKindEnum("kind").notNull().default("capability"),
    status: listingStatusEnum("status").notNull().default("draft"),
    // The importing account's stable id: `org:<uuid>` or `platform`, plus the file's ref.
    refOwner: text("ref_owner"),
    ref: text("ref"),
    chainLink: text("chain_link").notNull(),
    processes: text("processes").array().notNull().default(sql`'{}'::text[]`),
    products: text("products").array().notNull().default(sql`'{}'::text[]`),
    fibers: text("fibers").array().notNull().default(sql`'{}'::text[]`),
    title: text("title").notNull(),
    titleEn: text("title_en"),
    description: text("description"),
    descriptionEn: text("description_en"),
    // Canonical rate (units.rates id) and the value and unit as the user typed them.
    capacityValue: doublePrecision("capacity_value").notNull(),
    capacityUnit: text("capacity_unit").notNull(),
    capacityInputValue: doublePrecision("capacity_input_value").notNull(),
    capacityInputUnit: text("capacity_input_unit").notNull(),
    moqValue: doublePrecision("moq_value"),
    moqUnit: text("moq_unit"),
    moqInputValue: doublePrecision("moq_input_value"),
    moqInputUnit: text("moq_input_unit"),
    leadTimeDays: integer("lead_time_days"),
    yarnCountNeMin: doublePrecision("yarn_count_ne_min"),
    yarnCountNeMax: doublePrecision("yarn_count_ne_max"),
    gsmMin: doublePrecision("gsm_min"),
    gsmMax: doublePrecision("gsm_max"),
    widthCmMax: doublePrecision("width_cm_max"),
    sampling: jsonb("sampling").$type<{ cutSamples?: boolean; colourCards?: boolean; labDips?: boolean; sampleLeadDays?: number }>(),
    equipment: jsonb("equipment").$type<Array<{ unit: string; count: number }>>(),
    priceValue: doublePrecision("price_value"),
    priceUnit: text("price_unit"),
    priceTaxIncluded: boolean("price_tax_included"),
    safetyClass: text("safety_class"),
    availableFrom: date("available_from"),
    availableTo: date("available_to"),
    photoFileIds: uuid("photo_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("listings_ref_key").on(t.refOwner, t.ref).where(sql`${t.ref} is not null`),
    index("listings_org_idx").on(t.organizationId),
    index("listings_browse_idx").on(t.status, t.chainLink, t.kind),
  ],
);

export const listingCertifications = pgTable(
  "listing_certifications",
  {
    listingId: uuid("listing_id").notNull().references(() => listings.id, { onDelete: "cascade" }),
    certificationId: uuid("certification_id").notNull().references(() => certifications.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.listingId, t.certificationId] })],
);

export const listingReports = pgTable("listing_reports", {
  id: uuid("id").primaryKey().defaultRandom(),
  listingId: uuid("listing_id").notNull().references(() => listings.id, { onDelete: "cascade" }),
  reporterUserId: uuid("reporter_user_id").references(() => users.id, { onDelete: "set null" }),
  reason: text("reason").notNull(),
  status: text("status", { enum: ["open", "dismissed", "actioned"] }).notNull().default("open"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp("resolved_at", { withTimezone: true }),
});

export const demands = pgTable(
  "demands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id").notNull().references(() => organizations.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    text: text("text"),
    chainLink: text("chain_link"),
    processes: text("processes").array().notNull().default(sql`'{}'::text[]`),
    products: text("products").array().notNull().default(sql`'{}'::text[]`),
    fibers: text("fibers").array().notNull().default(sql`'{}'::text[]`),
    yarnCountNe: doublePrecision("yarn_count_ne"),
    gsm: doublePrecision("gsm"),
    widthCm: doublePrecision("width_cm"),
    quantityValue: doublePrecision("quantity_value"),
    quantityUnit: text("quantity_unit"),
    quantityInputValue: doublePrecision("quantity_input_value"),
    quantityInputUnit: text("quantity_input_unit"),
    needBy: date("need_by"),
    deliverCityAdcode: text("deliver_city_adcode"),
    deliverLat: doublePrecision("deliver_lat"),
    deliverLng: doublePrecision("deliver_lng"),
    maxDistanceKm: doublePrecision("max_distance_km"),
    requiredCertifications: text("required_certifications").array().notNull().default(sql`'{}'::text[]`),
    targetPriceValue: doublePrecision("target_price_value"),
    targetPriceUnit: text("target_price_unit"),
    targetPriceTaxIncluded: boolean("target_price_tax_included"),
    paymentTerms: text("payment_terms", { enum: ["prepay", "monthly", "acceptance"] }),
    paymentDays: integer("payment_days"),
    invoiceType: text("invoice_type", { enum: ["vat_special", "vat_ordinary", "none"] }),
    samplesWanted: boolean("samples_wanted").notNull().default(false),
    safetyClass: text("safety_class"),
    quoteDeadline: timestamp("quote_deadline", { withTimezone: true }),
    visibility: demandVisibilityEnum("visibility").notNull().default("public"),
    status: demandStatusEnum("status").notNull().default("open"),
    attachmentFileIds: uuid("attachment_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    version: integer("version").notNull().default(1),
    /** When suppliers whose listings fit this demand were notified (null: not yet; src/server/services/alerts.ts). */
    fitNotifiedAt: timestamp("fit_notified_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("demands_org_idx").on(t.organizationId),
    index("demands_board_idx").on(t.status, t.chainLink, t.quoteDeadline),
    index("demands_fit_pending_idx").on(t.createdAt).where(sql`${t.fitNotifiedAt} is null`),
  ],
);

/** One run of a bulk import, with its per-row report. */
export const importJobs = pgTable("import_jobs", {
  id: uuid("id").primaryKey().defaultRandom(),
  organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
  userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
  format: text("format", { enum: ["listings", "osh"] }).notNull(),
  fileName: text("file_name"),
  created: integer("created").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  rejected: integer("rejected").notNull().default(0),
  report: jsonb("report"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Suppliers a buyer keeps from a demand's shortlist (one row per demand and listing). */
export const demandSavedListings = pgTable(
  "demand_saved_listings",
  {
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demands.id, { onDelete: "cascade" }),
    listingId: uuid("listing_id")
      .notNull()
      .references(() => listings.id, { onDelete: "cascade" }),
    savedBy: uuid("saved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.demandId, t.listingId] })],
);
