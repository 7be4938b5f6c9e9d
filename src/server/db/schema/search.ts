import { sql } from "drizzle-orm";
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Changes waiting to reach an external search index (Meilisearch). Services insert a row in the same
 * transaction as the listing or demand change; the relay (src/server/search/relay.ts) drains them in
 * id order, at least once, dropping versions a newer row supersedes, with exponential backoff.
 */
export const searchOutbox = pgTable(
  "search_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entity: text("entity", { enum: ["listing", "demand"] }).notNull(),
    entityId: uuid("entity_id").notNull(),
    version: integer("version").notNull(),
    op: text("op", { enum: ["upsert", "delete"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    // The relay's scan: pending rows that are due, oldest first.
    index("search_outbox_pending_idx").on(t.nextAttemptAt, t.id).where(sql`${t.processedAt} is null`),
    index("search_outbox_entity_idx").on(t.entity, t.entityId, t.version),
  ],
);
