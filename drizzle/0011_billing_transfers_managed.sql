CREATE TYPE "public"."managed_consent_status" AS ENUM('requested', 'active', 'declined', 'revoked');--> statement-breakpoint
CREATE TABLE "managed_profile_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"centre_org_id" uuid NOT NULL,
	"status" "managed_consent_status" NOT NULL,
	"note" text,
	"requested_by" uuid,
	"decided_by" uuid,
	"granted_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bank_transfer_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"plan" text NOT NULL,
	"months" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reference" text NOT NULL,
	"status" text DEFAULT 'awaiting_payment' NOT NULL,
	"payer_name" text,
	"requested_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"period_start" timestamp with time zone,
	"period_end" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vat_invoice_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"invoice_type" text NOT NULL,
	"title" text NOT NULL,
	"tax_number" text NOT NULL,
	"address_phone" text,
	"bank_account" text,
	"email" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"invoice_number" text,
	"reject_reason" text,
	"requested_by" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "managed_profile_consents" ADD CONSTRAINT "managed_profile_consents_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_profile_consents" ADD CONSTRAINT "managed_profile_consents_centre_org_id_organizations_id_fk" FOREIGN KEY ("centre_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_profile_consents" ADD CONSTRAINT "managed_profile_consents_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_profile_consents" ADD CONSTRAINT "managed_profile_consents_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managed_profile_consents" ADD CONSTRAINT "managed_profile_consents_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfer_orders" ADD CONSTRAINT "bank_transfer_orders_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfer_orders" ADD CONSTRAINT "bank_transfer_orders_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bank_transfer_orders" ADD CONSTRAINT "bank_transfer_orders_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_invoice_requests" ADD CONSTRAINT "vat_invoice_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_invoice_requests" ADD CONSTRAINT "vat_invoice_requests_order_id_bank_transfer_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."bank_transfer_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_invoice_requests" ADD CONSTRAINT "vat_invoice_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vat_invoice_requests" ADD CONSTRAINT "vat_invoice_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "managed_profile_consents_live_key" ON "managed_profile_consents" USING btree ("organization_id","centre_org_id") WHERE "managed_profile_consents"."status" in ('requested', 'active');--> statement-breakpoint
CREATE INDEX "managed_profile_consents_centre_idx" ON "managed_profile_consents" USING btree ("centre_org_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transfer_orders_reference_key" ON "bank_transfer_orders" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_transfer_orders_awaiting_key" ON "bank_transfer_orders" USING btree ("organization_id") WHERE "bank_transfer_orders"."status" = 'awaiting_payment';--> statement-breakpoint
CREATE INDEX "bank_transfer_orders_status_idx" ON "bank_transfer_orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vat_invoice_requests_live_key" ON "vat_invoice_requests" USING btree ("order_id") WHERE "vat_invoice_requests"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "vat_invoice_requests_status_idx" ON "vat_invoice_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "vat_invoice_requests_org_idx" ON "vat_invoice_requests" USING btree ("organization_id");