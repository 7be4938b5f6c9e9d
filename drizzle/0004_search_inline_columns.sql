DROP INDEX "search_documents_doc_idx";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "tokens" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "facts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "updated_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "search_documents_tokens_idx" ON "search_documents" USING gin ("tokens");--> statement-breakpoint
CREATE INDEX "search_documents_recent_idx" ON "search_documents" USING btree ("entity","updated_ms","id");--> statement-breakpoint
-- Filtering, counting and ranking read these on every matching row: keep them in the row (compressed
-- if need be) instead of out of line; only the page of hits reads the document itself.
ALTER TABLE "search_documents" ALTER COLUMN "tokens" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_documents" ALTER COLUMN "facts" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "search_documents" ALTER COLUMN "tsv" SET STORAGE MAIN;--> statement-breakpoint
-- Documents written before these columns existed are indexed again by the relay.
DELETE FROM "search_documents";--> statement-breakpoint
INSERT INTO "search_outbox" ("entity", "entity_id", "version", "op")
  SELECT 'listing', "id", "version", 'upsert' FROM "listings"
  UNION ALL SELECT 'demand', "id", "version", 'upsert' FROM "demands";
