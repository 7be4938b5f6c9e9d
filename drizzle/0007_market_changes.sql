CREATE TABLE "market_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"listing_id" uuid,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "market_changes_xid_idx" ON "market_changes" USING btree ("xid");--> statement-breakpoint
CREATE INDEX "market_changes_created_idx" ON "market_changes" USING btree ("created_at");--> statement-breakpoint
-- The matcher's change feed: every insert, update or delete that can change a listing's candidate
-- record adds a row (the listing, or the organisation whose listings must reload), in the writer's
-- transaction, so every write path (services, imports, CLI, psql) is covered. Arguments: the kind of
-- key ('listing' or 'organization') and the column holding it. An update that changes nothing adds nothing.
CREATE OR REPLACE FUNCTION "market_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key uuid;
  new_key uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    old_key := (to_jsonb(OLD) ->> TG_ARGV[1])::uuid;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    new_key := (to_jsonb(NEW) ->> TG_ARGV[1])::uuid;
  END IF;
  IF TG_ARGV[0] = 'listing' THEN
    INSERT INTO "market_changes" ("listing_id")
      SELECT DISTINCT k FROM (VALUES (old_key), (new_key)) AS v(k) WHERE k IS NOT NULL;
  ELSE
    INSERT INTO "market_changes" ("organization_id")
      SELECT DISTINCT k FROM (VALUES (old_key), (new_key)) AS v(k) WHERE k IS NOT NULL;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "listings_market_change" AFTER INSERT OR UPDATE OR DELETE ON "listings"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('listing', 'id');
--> statement-breakpoint
CREATE TRIGGER "listing_certifications_market_change" AFTER INSERT OR UPDATE OR DELETE ON "listing_certifications"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('listing', 'listing_id');
--> statement-breakpoint
CREATE TRIGGER "organizations_market_change" AFTER INSERT OR UPDATE OR DELETE ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('organization', 'id');
--> statement-breakpoint
CREATE TRIGGER "sites_market_change" AFTER INSERT OR UPDATE OR DELETE ON "sites"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('organization', 'organization_id');
--> statement-breakpoint
CREATE TRIGGER "certifications_market_change" AFTER INSERT OR UPDATE OR DELETE ON "certifications"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('organization', 'organization_id');
