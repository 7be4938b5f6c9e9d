import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
