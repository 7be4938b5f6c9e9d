CREATE TYPE "public"."deal_stage" AS ENUM('samples', 'lab_dip', 'pp_sample', 'bulk', 'inspection', 'shipped', 'delivered', 'closed');--> statement-breakpoint
CREATE TYPE "public"."deal_status" AS ENUM('active', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."inquiry_source" AS ENUM('invited', 'responded', 'introduced');--> statement-breakpoint
CREATE TYPE "public"."inquiry_status" AS ENUM('invited', 'quoted', 'countered', 'declined', 'withdrawn', 'awarded', 'lost');--> statement-breakpoint
CREATE TYPE "public"."quote_author" AS ENUM('supplier', 'buyer');--> statement-breakpoint
CREATE TYPE "public"."quote_status" AS ENUM('active', 'superseded', 'withdrawn', 'awarded', 'lost');--> statement-breakpoint
CREATE TYPE "public"."deal_stage_state" AS ENUM('pending', 'active', 'submitted', 'returned', 'done', 'skipped');--> statement-breakpoint
CREATE TABLE "deal_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"stage" "deal_stage",
	"action" text NOT NULL,
	"comment" text,
	"actor_org_id" uuid,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"number" text NOT NULL,
	"invoice_type" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"due_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_invoices_amount_pos" CHECK ("deal_invoices"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "deal_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"method" text NOT NULL,
	"reference" text,
	"confirmed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_payments_amount_pos" CHECK ("deal_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "deal_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"rater_org_id" uuid NOT NULL,
	"ratee_org_id" uuid NOT NULL,
	"on_time" smallint NOT NULL,
	"quality" smallint NOT NULL,
	"communication" smallint NOT NULL,
	"comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_ratings_range" CHECK ("deal_ratings"."on_time" between 1 and 5 and "deal_ratings"."quality" between 1 and 5 and "deal_ratings"."communication" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "deal_shipments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"quantity" double precision NOT NULL,
	"shipped_on" date NOT NULL,
	"carrier" text,
	"tracking_no" text,
	"received_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_shipments_qty_pos" CHECK ("deal_shipments"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "deal_stages" (
	"deal_id" uuid NOT NULL,
	"stage" "deal_stage" NOT NULL,
	"state" "deal_stage_state" DEFAULT 'pending' NOT NULL,
	"planned_date" date,
	"actual_date" date,
	"comment" text,
	"late_notified_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"introduced_by_org_id" uuid,
	"title" text NOT NULL,
	"status" "deal_status" DEFAULT 'active' NOT NULL,
	"stage" "deal_stage" NOT NULL,
	"quantity_value" double precision NOT NULL,
	"quantity_unit" text NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"price_unit" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"tax_included" boolean NOT NULL,
	"invoice_type" text NOT NULL,
	"payment_terms" text NOT NULL,
	"payment_days" integer,
	"payment_terms_warning" boolean DEFAULT false NOT NULL,
	"tolerance_pct" double precision DEFAULT 3 NOT NULL,
	"delivered_quantity" double precision DEFAULT 0 NOT NULL,
	"quantity_decision" text,
	"delivered_at" date,
	"due_date" date NOT NULL,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_records" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"delivered_deals" integer DEFAULT 0 NOT NULL,
	"on_time_deals" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"avg_on_time" double precision,
	"avg_quality" double precision,
	"avg_communication" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"listing_id" uuid,
	"source" "inquiry_source" NOT NULL,
	"status" "inquiry_status" NOT NULL,
	"introduced_by_org_id" uuid,
	"note" text,
	"decline_reason" text,
	"last_message_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiry_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"author_org_id" uuid NOT NULL,
	"author_user_id" uuid,
	"body" text NOT NULL,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inquiry_reads" (
	"inquiry_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inquiry_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"author" "quote_author" NOT NULL,
	"status" "quote_status" DEFAULT 'active' NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"price_unit" text NOT NULL,
	"tax_included" boolean NOT NULL,
	"invoice_type" text NOT NULL,
	"quantity_value" double precision NOT NULL,
	"quantity_unit" text NOT NULL,
	"lead_time_days" integer NOT NULL,
	"valid_until" date NOT NULL,
	"payment_terms" text NOT NULL,
	"payment_days" integer,
	"sample_cost_fen" bigint,
	"notes" text,
	"attachment_file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_price_nonneg" CHECK ("quotes"."unit_price_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_actor_org_id_organizations_id_fk" FOREIGN KEY ("actor_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_events" ADD CONSTRAINT "deal_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_invoices" ADD CONSTRAINT "deal_invoices_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_invoices" ADD CONSTRAINT "deal_invoices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_payments" ADD CONSTRAINT "deal_payments_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_payments" ADD CONSTRAINT "deal_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_ratings" ADD CONSTRAINT "deal_ratings_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_ratings" ADD CONSTRAINT "deal_ratings_rater_org_id_organizations_id_fk" FOREIGN KEY ("rater_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_ratings" ADD CONSTRAINT "deal_ratings_ratee_org_id_organizations_id_fk" FOREIGN KEY ("ratee_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_ratings" ADD CONSTRAINT "deal_ratings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_shipments" ADD CONSTRAINT "deal_shipments_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_shipments" ADD CONSTRAINT "deal_shipments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_stages" ADD CONSTRAINT "deal_stages_deal_id_deals_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_buyer_org_id_organizations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_supplier_org_id_organizations_id_fk" FOREIGN KEY ("supplier_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_introduced_by_org_id_organizations_id_fk" FOREIGN KEY ("introduced_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_records" ADD CONSTRAINT "delivery_records_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_buyer_org_id_organizations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_supplier_org_id_organizations_id_fk" FOREIGN KEY ("supplier_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_introduced_by_org_id_organizations_id_fk" FOREIGN KEY ("introduced_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiries" ADD CONSTRAINT "inquiries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_author_org_id_organizations_id_fk" FOREIGN KEY ("author_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_messages" ADD CONSTRAINT "inquiry_messages_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_reads" ADD CONSTRAINT "inquiry_reads_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inquiry_reads" ADD CONSTRAINT "inquiry_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_inquiry_id_inquiries_id_fk" FOREIGN KEY ("inquiry_id") REFERENCES "public"."inquiries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_events_deal_idx" ON "deal_events" USING btree ("deal_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_invoices_number_key" ON "deal_invoices" USING btree ("deal_id","number");--> statement-breakpoint
CREATE INDEX "deal_payments_deal_idx" ON "deal_payments" USING btree ("deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_ratings_key" ON "deal_ratings" USING btree ("deal_id","rater_org_id");--> statement-breakpoint
CREATE INDEX "deal_ratings_ratee_idx" ON "deal_ratings" USING btree ("ratee_org_id");--> statement-breakpoint
CREATE INDEX "deal_shipments_deal_idx" ON "deal_shipments" USING btree ("deal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_stages_key" ON "deal_stages" USING btree ("deal_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_inquiry_key" ON "deals" USING btree ("inquiry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_demand_key" ON "deals" USING btree ("demand_id");--> statement-breakpoint
CREATE INDEX "deals_buyer_idx" ON "deals" USING btree ("buyer_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "deals_supplier_idx" ON "deals" USING btree ("supplier_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "deals_introducer_idx" ON "deals" USING btree ("introduced_by_org_id") WHERE "deals"."introduced_by_org_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "inquiries_demand_supplier_key" ON "inquiries" USING btree ("demand_id","supplier_org_id");--> statement-breakpoint
CREATE INDEX "inquiries_supplier_idx" ON "inquiries" USING btree ("supplier_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "inquiries_buyer_idx" ON "inquiries" USING btree ("buyer_org_id","updated_at");--> statement-breakpoint
CREATE INDEX "inquiry_messages_thread_idx" ON "inquiry_messages" USING btree ("inquiry_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "inquiry_reads_key" ON "inquiry_reads" USING btree ("inquiry_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "quotes_inquiry_revision_key" ON "quotes" USING btree ("inquiry_id","revision");--> statement-breakpoint
-- A supplier's delivery record is a scoring factor of the matcher: its changes reach the matcher's
-- candidate index through the change feed of 0007.
CREATE TRIGGER "delivery_records_market_change" AFTER INSERT OR UPDATE OR DELETE ON "delivery_records"
  FOR EACH ROW EXECUTE FUNCTION "market_change"('organization', 'organization_id');
