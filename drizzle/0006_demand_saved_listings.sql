CREATE TABLE "demand_saved_listings" (
	"demand_id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"saved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demand_saved_listings_demand_id_listing_id_pk" PRIMARY KEY("demand_id","listing_id")
);
--> statement-breakpoint
ALTER TABLE "demand_saved_listings" ADD CONSTRAINT "demand_saved_listings_demand_id_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."demands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_saved_listings" ADD CONSTRAINT "demand_saved_listings_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demand_saved_listings" ADD CONSTRAINT "demand_saved_listings_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;