import { sql } from "drizzle-orm";
import { bigint, bigserial, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

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

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The embedded search engine's index (src/server/search/postgres.ts), fed by the same outbox relay
 * as Meilisearch. One row per listing or demand document: the document as JSON (returned with the
 * hits), a tsvector built from
 * jieba-segmented Chinese and stemmed English (weights: title A, taxonomy terms and organisation B,
 * description C), the filter tokens and facts, and the point for distance. Storage (migration 0004):
 * tokens, facts and tsv are kept inline (STORAGE MAIN) so filtering, counting and ranking never
 * fetch TOASTed values; only the page of hits reads `doc`.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    entity: text("entity", { enum: ["listing", "demand"] }).notNull(),
    id: uuid("id").notNull(),
    version: integer("version").notNull(),
    doc: jsonb("doc").notNull(),
    tsv: tsvector("tsv").notNull(),
    /**
     * `attr=value` for every string and boolean filterable attribute (each element of arrays):
     * equality, membership and facet counts read this small inline array and its GIN index,
     * never the document (which PostgreSQL moves out of line).
     */
    tokens: text("tokens").array().notNull().default(sql`'{}'::text[]`),
    /** The filterable and sortable attributes only (no text): ranges, null/empty tests, sorts. */
    facts: jsonb("facts").notNull().default(sql`'{}'::jsonb`),
    /** updatedAt (epoch ms): the default order of an empty query. */
    updatedMs: bigint("updated_ms", { mode: "number" }).notNull().default(0),
    /** The relevance every match of the document gets on top of the text's: verified, paid placement (postgres/boost.ts). */
    boost: doublePrecision("boost").notNull().default(0),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.id] }),
    index("search_documents_tsv_idx").using("gin", t.tsv),
    index("search_documents_tokens_idx").using("gin", t.tokens),
    // Newest first (order by updated_ms desc, id desc) straight from the index: an empty query stops after a page.
    index("search_documents_recent_idx").on(t.entity, t.updatedMs, t.id),
    // Best first without a word (the boost, then newest) straight from the index, as newest first.
    index("search_documents_boost_idx").on(t.entity, t.boost, t.updatedMs, t.id),
    // Nearest first on any database: the documents inside a growing cap around the point, whose box
    // is a lat/lng range (a bitmap ANDed with the full-text index's), see read.ts#searchOnce.
    index("search_documents_lat_lng_idx").on(t.lat, t.lng),
  ],
);

/**
 * Every word the index holds (segmented Chinese tokens, English stems' surface forms), with a
 * trigram index: a query word that matches nothing is replaced by its nearest neighbours here
 * ("polyster" → "polyester"), which is how the embedded engine forgives typos.
 */
export const searchVocabulary = pgTable(
  "search_vocabulary",
  {
    word: text("word").primaryKey(),
    documents: integer("documents").notNull().default(0),
  },
  (t) => [index("search_vocabulary_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);

const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/**
 * The change feed of the matcher's in-process candidate index (src/server/services/matching-index.ts):
 * triggers (migration 0007) add a row for every insert, update or delete of a listing, its
 * certificates, or its organisation's record, sites or certificates, so no write path can forget
 * it. `xid` is the writing transaction: a reader takes what is visible in its snapshot but was not
 * in the snapshot it last saw (commit order, not id order). Rows older than an hour are pruned.
 */
export const marketChanges = pgTable(
  "market_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    xid: xid8("xid").notNull().default(sql`pg_current_xact_id()`),
    listingId: uuid("listing_id"),
    organizationId: uuid("organization_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("market_changes_xid_idx").on(t.xid), index("market_changes_created_idx").on(t.createdAt)],
);
