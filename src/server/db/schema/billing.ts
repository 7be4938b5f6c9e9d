import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";
// Relative, not "@/": drizzle-kit loads the schema without the app's path aliases.
import { PLAN_IDS, SUBSCRIPTION_SOURCES, SUBSCRIPTION_STATUSES } from "../../../domain/billing/plans";

export const STRIPE_EVENT_OUTCOMES = ["applied", "ignored_unknown_object", "ignored_type", "ignored_stale"] as const;

/**
 * The organisation's current plan: one row per organisation (none means free). Whatever granted it
 * (a Stripe subscription, a platform admin, a confirmed bank transfer) writes this one row.
 */
export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    plan: text("plan", { enum: PLAN_IDS }).notNull(),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull(),
    source: text("source", { enum: SUBSCRIPTION_SOURCES }).notNull(),
    currentPeriodStart: timestamp("current_period_start", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    // `created` of the last Stripe event applied to the subscription's state: an older event never
    // rolls it back (events arrive out of order). Null until a subscription event was applied.
    stripeStateAt: timestamp("stripe_state_at", { withTimezone: true }),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("subscriptions_org_key").on(t.organizationId),
    uniqueIndex("subscriptions_stripe_subscription_key").on(t.stripeSubscriptionId).where(sql`${t.stripeSubscriptionId} is not null`),
  ],
);

/** Stripe customers the app created (or learnt from a completed Checkout), each for one organisation. */
export const stripeCustomers = pgTable(
  "stripe_customers",
  {
    customerId: text("customer_id").primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("stripe_customers_org_key").on(t.organizationId)],
);

/** Every webhook event processed, once: the row is written in the same transaction as its effect. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    eventId: text("event_id").primaryKey(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    organizationId: uuid("organization_id").references(() => organizations.id, { onDelete: "set null" }),
    eventCreatedAt: timestamp("event_created_at", { withTimezone: true }).notNull(),
    outcome: text("outcome", { enum: STRIPE_EVENT_OUTCOMES }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stripe_events_received_idx").on(t.receivedAt)],
);

export const BANK_TRANSFER_STATUSES = ["awaiting_payment", "confirmed", "cancelled"] as const;
export const VAT_INVOICE_TYPES = ["special", "normal"] as const; // 增值税专用发票 / 普通发票
export const VAT_INVOICE_STATUSES = ["requested", "issued", "rejected"] as const;

/**
 * 对公转账: an organisation orders a paid plan for some months, the app gives it a payment reference
 * and the platform's bank details; a platform admin confirms the receipt, which grants the plan
 * (`applyGrant` with source `bank_transfer`) in the same transaction. At most one order awaits
 * payment per organisation.
 */
export const bankTransferOrders = pgTable(
  "bank_transfer_orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    plan: text("plan", { enum: PLAN_IDS }).notNull(),
    months: integer("months").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    /** What the payer writes in the transfer's 附言/用途, e.g. FL-7K3M-9Q2D: unique, no 0/O/1/I. */
    reference: text("reference").notNull(),
    status: text("status", { enum: BANK_TRANSFER_STATUSES }).notNull().default("awaiting_payment"),
    /** The paying account's name as the firm expects it on the bank statement (optional). */
    payerName: text("payer_name"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    confirmedBy: uuid("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** The period the confirmation granted. */
    periodStart: timestamp("period_start", { withTimezone: true }),
    periodEnd: timestamp("period_end", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bank_transfer_orders_reference_key").on(t.reference),
    uniqueIndex("bank_transfer_orders_awaiting_key").on(t.organizationId).where(sql`${t.status} = 'awaiting_payment'`),
    index("bank_transfer_orders_status_idx").on(t.status, t.createdAt),
  ],
);

/**
 * A 发票 (VAT invoice) request for a confirmed bank-transfer order: title and tax number, type
 * 专票 (special: also address/phone and bank/account) or 普票 (normal); a platform admin issues it
 * (records the invoice number) or rejects it with a reason. One live request per order.
 */
export const vatInvoiceRequests = pgTable(
  "vat_invoice_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    orderId: uuid("order_id")
      .notNull()
      .references(() => bankTransferOrders.id, { onDelete: "cascade" }),
    invoiceType: text("invoice_type", { enum: VAT_INVOICE_TYPES }).notNull(),
    title: text("title").notNull(),
    taxNumber: text("tax_number").notNull(),
    /** 专票 only: 地址、电话 and 开户行及账号 as they must be printed. */
    addressPhone: text("address_phone"),
    bankAccount: text("bank_account"),
    /** Where the electronic invoice (数电票) is sent. */
    email: text("email").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    status: text("status", { enum: VAT_INVOICE_STATUSES }).notNull().default("requested"),
    invoiceNumber: text("invoice_number"),
    rejectReason: text("reject_reason"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("vat_invoice_requests_live_key").on(t.orderId).where(sql`${t.status} <> 'rejected'`),
    index("vat_invoice_requests_status_idx").on(t.status, t.createdAt),
    index("vat_invoice_requests_org_idx").on(t.organizationId),
  ],
);
