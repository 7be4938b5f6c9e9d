ALTER TABLE "search_documents" ADD COLUMN "boost" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Documents written before the column: the same boost postgres/boost.ts computes (verified 0.1, paid placement 0.05).
UPDATE "search_documents" SET "boost" = (CASE WHEN "tokens" @> ARRAY['orgVerified=true'] THEN 0.1 ELSE 0 END) + (CASE WHEN "tokens" && ARRAY['orgFeatured=true', 'orgPriority=true'] THEN 0.05 ELSE 0 END);--> statement-breakpoint
CREATE INDEX "search_documents_boost_idx" ON "search_documents" USING btree ("entity","boost","updated_ms","id");
