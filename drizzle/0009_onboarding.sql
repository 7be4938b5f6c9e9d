CREATE TYPE "public"."claim_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('pending', 'merged', 'kept_apart');--> statement-breakpoint
CREATE TABLE "import_review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_job_id" uuid NOT NULL,
	"owner_org_id" uuid,
	"line" integer NOT NULL,
	"row_key" text NOT NULL,
	"incoming" jsonb NOT NULL,
	"candidate_org_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"candidates" jsonb NOT NULL,
	"status" "review_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"result_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"claimant_user_id" uuid NOT NULL,
	"claimant_org_id" uuid,
	"license_file_id" uuid NOT NULL,
	"uscc" text NOT NULL,
	"status" "claim_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "field_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "created_via" text DEFAULT 'signup' NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "created_by_org_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_review_items" ADD CONSTRAINT "import_review_items_import_job_id_import_jobs_id_fk" FOREIGN KEY ("import_job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_review_items" ADD CONSTRAINT "import_review_items_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_review_items" ADD CONSTRAINT "import_review_items_candidate_org_id_organizations_id_fk" FOREIGN KEY ("candidate_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_review_items" ADD CONSTRAINT "import_review_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_review_items" ADD CONSTRAINT "import_review_items_result_org_id_organizations_id_fk" FOREIGN KEY ("result_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_aliases" ADD CONSTRAINT "organization_aliases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_claims" ADD CONSTRAINT "organization_claims_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_claims" ADD CONSTRAINT "organization_claims_claimant_user_id_users_id_fk" FOREIGN KEY ("claimant_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_claims" ADD CONSTRAINT "organization_claims_claimant_org_id_organizations_id_fk" FOREIGN KEY ("claimant_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_claims" ADD CONSTRAINT "organization_claims_license_file_id_files_id_fk" FOREIGN KEY ("license_file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_claims" ADD CONSTRAINT "organization_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_review_items_pending_key" ON "import_review_items" USING btree ("row_key","candidate_org_id") WHERE "import_review_items"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "import_review_items_row_key_idx" ON "import_review_items" USING btree ("row_key");--> statement-breakpoint
CREATE INDEX "import_review_items_owner_idx" ON "import_review_items" USING btree ("owner_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_aliases_org_name_key" ON "organization_aliases" USING btree ("organization_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_claims_pending_key" ON "organization_claims" USING btree ("organization_id") WHERE "organization_claims"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "organization_claims_claimant_idx" ON "organization_claims" USING btree ("claimant_user_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_created_by_org_id_organizations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Organisations the Listings import created before this migration: the audit row it wrote names the importer.
UPDATE "organizations" o
  SET "created_via" = CASE WHEN a."changes" ->> 'importedBy' = 'platform' THEN 'import' ELSE 'centre' END,
      "created_by_org_id" = CASE WHEN a."changes" ->> 'importedBy' = 'platform' THEN NULL ELSE (a."changes" ->> 'importedBy')::uuid END
  FROM "audit_log" a
  WHERE a."action" = 'organization.imported' AND a."entity_id" = o."id"::text
    AND (a."changes" ->> 'importedBy' = 'platform' OR EXISTS (SELECT 1 FROM "organizations" c WHERE c."id"::text = a."changes" ->> 'importedBy'));
