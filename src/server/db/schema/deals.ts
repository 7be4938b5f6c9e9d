import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, doublePrecision, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { demands, listings } from "./market";
import { organizations } from "./organizations";
import { users } from "./users";

/**
 * The deal flow (docs/deals.md): an inquiry is one supplier's thread on one demand (invited by the
 * buyer or answering a public demand); quotes are its versions (the supplier's quotes and revisions,
 * the buyer's counter-offers), never edited; awarding one supplier quote makes a deal, which runs
 * through stages to delivery, with shipments, invoices, payments, messages and one rating per side.
 * Money is in CNY fen (分) as integers.
 */

export const inquirySourceEnum = pgEnum("inquiry_source", ["invited", "responded", "introduced"]);
export const inquiryStatusEnum = pgEnum("inquiry_status", ["invited", "quoted", "countered", "declined", "withdrawn", "awarded", "lost"]);
export const quoteAuthorEnum = pgEnum("quote_author", ["supplier", "buyer"]);
export const quoteStatusEnum = pgEnum("quote_status", ["active", "superseded", "withdrawn", "awarded", "lost"]);
export const dealStageEnum = pgEnum("deal_stage", ["samples", "lab_dip", "pp_sample", "bulk", "inspection", "shipped", "delivered", "closed"]);
export const dealStatusEnum = pgEnum("deal_status", ["active", "closed", "cancelled"]);
export const stageStateEnum = pgEnum("deal_stage_state", ["pending", "active", "submitted", "returned", "done", "skipped"]);

export const inquiries = pgTable(
  "inquiries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demands.id, { onDelete: "cascade" }),
    buyerOrgId: uuid("buyer_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    supplierOrgId: uuid("supplier_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The shortlisted listing the buyer invited, or the one the supplier quoted from. */
    listingId: uuid("listing_id").references(() => listings.id, { onDelete: "set null" }),
    source: inquirySourceEnum("source").notNull(),
    status: inquiryStatusEnum("status").notNull(),
    /** The service centre that introduced buyer and supplier (issue 6); it may see the resulting deal. */
    introducedByOrgId: uuid("introduced_by_org_id").references(() => organizations.id, { onDelete: "set null" }),
    note: text("note"),
    declineReason: text("decline_reason"),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inquiries_demand_supplier_key").on(t.demandId, t.supplierOrgId),
    index("inquiries_supplier_idx").on(t.supplierOrgId, t.updatedAt),
    index("inquiries_buyer_idx").on(t.buyerOrgId, t.updatedAt),
  ],
);

export const quotes = pgTable(
  "quotes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inquiryId: uuid("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
    /** 1, 2, 3… within the inquiry, across both sides: the negotiation's history in order. */
    revision: integer("revision").notNull(),
    author: quoteAuthorEnum("author").notNull(),
    status: quoteStatusEnum("status").notNull().default("active"),
    unitPriceFen: bigint("unit_price_fen", { mode: "number" }).notNull(),
    /** units.ts quantity unit id the price is per (米, 公斤, 件 …). */
    priceUnit: text("price_unit").notNull(),
    taxIncluded: boolean("tax_included").notNull(),
    invoiceType: text("invoice_type", { enum: ["vat_special", "vat_ordinary", "none"] }).notNull(),
    quantityValue: doublePrecision("quantity_value").notNull(),
    quantityUnit: text("quantity_unit").notNull(),
    leadTimeDays: integer("lead_time_days").notNull(),
    validUntil: date("valid_until").notNull(),
    paymentTerms: text("payment_terms", { enum: ["prepay", "monthly", "acceptance"] }).notNull(),
    paymentDays: integer("payment_days"),
    sampleCostFen: bigint("sample_cost_fen", { mode: "number" }),
    notes: text("notes"),
    attachmentFileIds: uuid("attachment_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("quotes_inquiry_revision_key").on(t.inquiryId, t.revision),
    check("quotes_price_nonneg", sql`${t.unitPriceFen} >= 0`),
  ],
);

export const deals = pgTable(
  "deals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    demandId: uuid("demand_id")
      .notNull()
      .references(() => demands.id, { onDelete: "restrict" }),
    inquiryId: uuid("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "restrict" }),
    quoteId: uuid("quote_id")
      .notNull()
      .references(() => quotes.id, { onDelete: "restrict" }),
    buyerOrgId: uuid("buyer_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    supplierOrgId: uuid("supplier_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    introducedByOrgId: uuid("introduced_by_org_id").references(() => organizations.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    status: dealStatusEnum("status").notNull().default("active"),
    stage: dealStageEnum("stage").notNull(),
    quantityValue: doublePrecision("quantity_value").notNull(),
    quantityUnit: text("quantity_unit").notNull(),
    unitPriceFen: bigint("unit_price_fen", { mode: "number" }).notNull(),
    priceUnit: text("price_unit").notNull(),
    /** Order value: unit price × quantity (in the price's unit), rounded to the fen. */
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    taxIncluded: boolean("tax_included").notNull(),
    invoiceType: text("invoice_type", { enum: ["vat_special", "vat_ordinary", "none"] }).notNull(),
    paymentTerms: text("payment_terms", { enum: ["prepay", "monthly", "acceptance"] }).notNull(),
    paymentDays: integer("payment_days"),
    /** 保障中小企业款项支付条例: a large buyer, an SME supplier and terms over 60 days (docs/deals.md). */
    paymentTermsWarning: boolean("payment_terms_warning").notNull().default(false),
    /** Delivered quantity may differ from the order by ± this percentage without a decision. */
    tolerancePct: doublePrecision("tolerance_pct").notNull().default(3),
    deliveredQuantity: doublePrecision("delivered_quantity").notNull().default(0),
    /** Beyond the tolerance the buyer accepts or rejects the difference. */
    quantityDecision: text("quantity_decision", { enum: ["accepted", "rejected"] }),
    deliveredAt: date("delivered_at"),
    /** Planned delivery (award date + lead time): on time means delivered on or before it. */
    dueDate: date("due_date").notNull(),
    cancelReason: text("cancel_reason"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deals_inquiry_key").on(t.inquiryId),
    // One deal per demand: the award's last line of defence against a race.
    uniqueIndex("deals_demand_key").on(t.demandId),
    index("deals_buyer_idx").on(t.buyerOrgId, t.updatedAt),
    index("deals_supplier_idx").on(t.supplierOrgId, t.updatedAt),
    index("deals_introducer_idx").on(t.introducedByOrgId).where(sql`${t.introducedByOrgId} is not null`),
  ],
);

/** One row per deal and stage, created at the award with planned dates. */
export const dealStages = pgTable(
  "deal_stages",
  {
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    stage: dealStageEnum("stage").notNull(),
    state: stageStateEnum("state").notNull().default("pending"),
    plannedDate: date("planned_date"),
    actualDate: date("actual_date"),
    /** The last comment (a sample sent back, an approval note); the full history is in deal_events. */
    comment: text("comment"),
    /** When a late stage was last flagged to both sides (the reminder job notifies once per stage). */
    lateNotifiedAt: timestamp("late_notified_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("deal_stages_key").on(t.dealId, t.stage)],
);

/** The deal's history: every transition, approval, return, shipment, payment, with who and when. */
export const dealEvents = pgTable(
  "deal_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    stage: dealStageEnum("stage"),
    action: text("action").notNull(),
    comment: text("comment"),
    actorOrgId: uuid("actor_org_id").references(() => organizations.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deal_events_deal_idx").on(t.dealId, t.createdAt)],
);

/** Partial deliveries: shipped by the supplier, received by the buyer. */
export const dealShipments = pgTable(
  "deal_shipments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    quantity: doublePrecision("quantity").notNull(),
    shippedOn: date("shipped_on").notNull(),
    carrier: text("carrier"),
    trackingNo: text("tracking_no"),
    receivedOn: date("received_on"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deal_shipments_deal_idx").on(t.dealId), check("deal_shipments_qty_pos", sql`${t.quantity} > 0`)],
);

export const dealInvoices = pgTable(
  "deal_invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    invoiceType: text("invoice_type", { enum: ["vat_special", "vat_ordinary"] }).notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    issuedOn: date("issued_on").notNull(),
    dueOn: date("due_on"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("deal_invoices_number_key").on(t.dealId, t.number), check("deal_invoices_amount_pos", sql`${t.amountFen} > 0`)],
);

export const dealPayments = pgTable(
  "deal_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    paidOn: date("paid_on").notNull(),
    method: text("method", { enum: ["bank_transfer", "acceptance_bill", "other"] }).notNull(),
    reference: text("reference"),
    /** The supplier confirms receipt; until then the payment is the buyer's statement. */
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deal_payments_deal_idx").on(t.dealId), check("deal_payments_amount_pos", sql`${t.amountFen} > 0`)],
);

/** Messages of one inquiry's thread (its deal shares the thread). */
export const inquiryMessages = pgTable(
  "inquiry_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inquiryId: uuid("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
    authorOrgId: uuid("author_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    attachmentFileIds: uuid("attachment_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inquiry_messages_thread_idx").on(t.inquiryId, t.createdAt)],
);

/** Where each user has read a thread up to (unread counts). */
export const inquiryReads = pgTable(
  "inquiry_reads",
  {
    inquiryId: uuid("inquiry_id")
      .notNull()
      .references(() => inquiries.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("inquiry_reads_key").on(t.inquiryId, t.userId)],
);

/** One rating per side per deal, after delivery. */
export const dealRatings = pgTable(
  "deal_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    dealId: uuid("deal_id")
      .notNull()
      .references(() => deals.id, { onDelete: "cascade" }),
    raterOrgId: uuid("rater_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    rateeOrgId: uuid("ratee_org_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    onTime: smallint("on_time").notNull(),
    quality: smallint("quality").notNull(),
    communication: smallint("communication").notNull(),
    comment: text("comment"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deal_ratings_key").on(t.dealId, t.raterOrgId),
    index("deal_ratings_ratee_idx").on(t.rateeOrgId),
    check("deal_ratings_range", sql`${t.onTime} between 1 and 5 and ${t.quality} between 1 and 5 and ${t.communication} between 1 and 5`),
  ],
);

/**
 * Each organisation's delivery record as a supplier, kept in step with deals and ratings in the
 * same transaction (services/delivery-record.ts): shown on its page, read by the matcher's scoring.
 */
export const deliveryRecords = pgTable("delivery_records", {
  organizationId: uuid("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  /** Deals delivered (or closed after delivery) as the supplier. */
  deliveredDeals: integer("delivered_deals").notNull().default(0),
  onTimeDeals: integer("on_time_deals").notNull().default(0),
  ratings: integer("ratings").notNull().default(0),
  avgOnTime: doublePrecision("avg_on_time"),
  avgQuality: doublePrecision("avg_quality"),
  avgCommunication: doublePrecision("avg_communication"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
