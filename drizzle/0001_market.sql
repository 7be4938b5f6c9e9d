CREATE TYPE "public"."demand_status" AS ENUM('open', 'closed', 'awarded', 'expired');--> statement-breakpoint
CREATE TYPE "public"."demand_visibility" AS ENUM('public', 'invited');--> statement-breakpoint
CREATE TYPE "public"."listing_kind" AS ENUM('capability', 'capacity');--> statement-breakpoint
CREATE TYPE "public"."listing_status" AS ENUM('draft', 'published', 'paused', 'archived');--> statement-breakpoint
CREATE TABLE "certifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"scheme_id" text NOT NULL,
	"number" text,
	"valid_from" date,
	"valid_to" date,
	"evidence_file_id" uuid,
	"verification_state" "verification_state" DEFAULT 'pending' NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"verification_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text,
	"chain_link" text,
	"processes" text[] DEFAULT '{}'::text[] NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"fibers" text[] DEFAULT '{}'::text[] NOT NULL,
	"yarn_count_ne" double precision,
	"gsm" double precision,
	"width_cm" double precision,
	"quantity_value" double precision,
	"quantity_unit" text,
	"quantity_input_value" double precision,
	"quantity_input_unit" text,
	"need_by" date,
	"deliver_city_adcode" text,
	"deliver_lat" double precision,
	"deliver_lng" double precision,
	"max_distance_km" double precision,
	"required_certifications" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_price_value" double precision,
	"target_price_unit" text,
	"target_price_tax_included" boolean,
	"payment_terms" text,
	"payment_days" integer,
	"invoice_type" text,
	"samples_wanted" boolean DEFAULT false NOT NULL,
	"safety_class" text,
	"quote_deadline" timestamp with time zone,
	"visibility" "demand_visibility" DEFAULT 'public' NOT NULL,
	"status" "demand_status" DEFAULT 'open' NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"user_id" uuid,
	"format" text NOT NULL,
	"file_name" text,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listing_certifications" (
	"listing_id" uuid NOT NULL,
	"certification_id" uuid NOT NULL,
	CONSTRAINT "listing_certifications_listing_id_certification_id_pk" PRIMARY KEY("listing_id","certification_id")
);
--> statement-breakpoint
CREATE TABLE "listing_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"listing_id" uuid NOT NULL,
	"reporter_user_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "listings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"site_id" uuid,
	"kind" "listing_kind" DEFAULT 'capability' NOT NULL,
	"status" "listing_status" DEFAULT 'draft' NOT NULL,
	"ref_owner" text,
	"ref" text,
	"chain_link" text NOT NULL,
	"processes" text[] DEFAULT '{}'::text[] NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"fibers" text[] DEFAULT '{}'::text[] NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"description" text,
	"description_en" text,
	"capacity_value" double precision NOT NULL,
	"capacity_unit" text NOT NULL,
	"capacity_input_value" double precision NOT NULL,
	"capacity_input_unit" text NOT NULL,
	"moq_value" double precision,
	"moq_unit" text,
	"moq_input_value" double precision,
	"moq_input_unit" text,
	"lead_time_days" integer,
	"yarn_count_ne_min" double precision,
	"yarn_count_ne_max" double precision,
	"gsm_min" double precision,
	"gsm_max" double precision,
	"width_cm_max" double precision,
	"sampling" jsonb,
	"equipment" jsonb,
	"price_value" double precision,
	"price_unit" text,
	"price_tax_included" boolean,
	"safety_class" text,
	"available_from" date,
	"available_to" date,
	"photo_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"address" text,
	"province_adcode" text DEFAULT '370000' NOT NULL,
	"city_adcode" text,
	"county_adcode" text,
	"lat" double precision,
	"lng" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_evidence_file_id_files_id_fk" FOREIGN KEY ("evidence_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_certifications" ADD CONSTRAINT "listing_certifications_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_certifications" ADD CONSTRAINT "listing_certifications_certification_id_certifications_id_fk" FOREIGN KEY ("certification_id") REFERENCES "public"."certifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_reports" ADD CONSTRAINT "listing_reports_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_reports" ADD CONSTRAINT "listing_reports_reporter_user_id_users_id_fk" FOREIGN KEY ("reporter_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listings" ADD CONSTRAINT "listings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sites" ADD CONSTRAINT "sites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_org_idx" ON "certifications" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certifications_org_scheme_expiry_key" ON "certifications" USING btree ("organization_id","scheme_id",coalesce("valid_to", '9999-12-31'::date));--> statement-breakpoint
CREATE INDEX "demands_org_idx" ON "demands" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "demands_board_idx" ON "demands" USING btree ("status","chain_link","quote_deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "listings_ref_key" ON "listings" USING btree ("ref_owner","ref") WHERE "listings"."ref" is not null;--> statement-breakpoint
CREATE INDEX "listings_org_idx" ON "listings" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "listings_browse_idx" ON "listings" USING btree ("status","chain_link","kind");--> statement-breakpoint
CREATE INDEX "sites_org_idx" ON "sites" USING btree ("organization_id");