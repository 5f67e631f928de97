CREATE TABLE "resource_offers" (
	"resource_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"min_quantity" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resource_offers_resource_id_kind_pk" PRIMARY KEY("resource_id","kind"),
	CONSTRAINT "offer_amount" CHECK ("resource_offers"."amount_minor" between 0 and 100000000),
	CONSTRAINT "offer_min_quantity" CHECK ("resource_offers"."min_quantity" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "resource_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"title_zh" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"summary_zh" text DEFAULT '' NOT NULL,
	"summary_en" text DEFAULT '' NOT NULL,
	"description_md" text DEFAULT '' NOT NULL,
	"field_code" text NOT NULL,
	"level" smallint NOT NULL,
	"credits_x100" integer NOT NULL,
	"learning_hours" integer NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"languages" text[] NOT NULL,
	"delivery_mode" text NOT NULL,
	"assessment" text DEFAULT '' NOT NULL,
	"min_score" smallint,
	"min_attendance_pct" smallint,
	"prerequisites" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"enrol_opens_at" timestamp with time zone,
	"enrol_closes_at" timestamp with time zone,
	"cover_image_key" text,
	"review_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "rv_level" CHECK ("resource_versions"."level" between 1 and 10),
	CONSTRAINT "rv_credits" CHECK ("resource_versions"."credits_x100" between 0 and 10000),
	CONSTRAINT "rv_hours" CHECK ("resource_versions"."learning_hours" between 0 and 10000),
	CONSTRAINT "rv_score" CHECK ("resource_versions"."min_score" is null or "resource_versions"."min_score" between 0 and 100),
	CONSTRAINT "rv_attendance" CHECK ("resource_versions"."min_attendance_pct" is null or "resource_versions"."min_attendance_pct" between 0 and 100),
	CONSTRAINT "rv_capacity" CHECK ("resource_versions"."capacity" is null or "resource_versions"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"live_version_id" uuid,
	"pending_version_id" uuid,
	"is_featured" boolean DEFAULT false NOT NULL,
	"first_published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue_search" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"level" smallint NOT NULL,
	"is_free" boolean NOT NULL,
	"is_featured" boolean DEFAULT false NOT NULL,
	"credits_x100" integer NOT NULL,
	"price_minor" integer,
	"published_at" timestamp with time zone NOT NULL,
	"version_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"field_broad" text NOT NULL,
	"field_code" text NOT NULL,
	"delivery_mode" text NOT NULL,
	"institution_slug" text NOT NULL,
	"languages" text[] NOT NULL,
	"title_text" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"slug" text NOT NULL,
	"institution_name_zh" text NOT NULL,
	"institution_name_en" text NOT NULL,
	"summary_zh" text NOT NULL,
	"summary_en" text NOT NULL,
	"words" "tsvector" NOT NULL,
	"cjk" "tsvector" NOT NULL,
	"cjk_title" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "search_lexicon" (
	"word" text PRIMARY KEY NOT NULL,
	"doc_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"api_key_id" uuid NOT NULL,
	"key" text NOT NULL,
	"body_hash" text NOT NULL,
	"state" text DEFAULT 'in_flight' NOT NULL,
	"response_status" smallint,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "idempotency_keys_api_key_id_key_pk" PRIMARY KEY("api_key_id","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "resource_offers_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_versions" ADD CONSTRAINT "resource_versions_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_versions" ADD CONSTRAINT "resource_versions_field_code_fields_of_study_code_fk" FOREIGN KEY ("field_code") REFERENCES "public"."fields_of_study"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_versions" ADD CONSTRAINT "resource_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_versions" ADD CONSTRAINT "resource_versions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_search" ADD CONSTRAINT "catalogue_search_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_search" ADD CONSTRAINT "catalogue_search_version_id_resource_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."resource_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_search" ADD CONSTRAINT "catalogue_search_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "resource_versions_number_key" ON "resource_versions" USING btree ("resource_id","version");--> statement-breakpoint
CREATE INDEX "resource_versions_state_index" ON "resource_versions" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_slug_key" ON "resources" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "resources_institution_id_index" ON "resources" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "resources_status_index" ON "resources" USING btree ("status");--> statement-breakpoint
CREATE INDEX "catalogue_search_words_idx" ON "catalogue_search" USING gin ("words");--> statement-breakpoint
CREATE INDEX "catalogue_search_cjk_idx" ON "catalogue_search" USING gin ("cjk");--> statement-breakpoint
CREATE INDEX "catalogue_search_cjk_title_idx" ON "catalogue_search" USING gin ("cjk_title");--> statement-breakpoint
CREATE INDEX "catalogue_search_field_broad_index" ON "catalogue_search" USING btree ("field_broad");--> statement-breakpoint
CREATE INDEX "catalogue_search_field_code_index" ON "catalogue_search" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "catalogue_search_level_index" ON "catalogue_search" USING btree ("level");--> statement-breakpoint
CREATE INDEX "catalogue_search_credits_x100_index" ON "catalogue_search" USING btree ("credits_x100");--> statement-breakpoint
CREATE INDEX "catalogue_search_price_minor_index" ON "catalogue_search" USING btree ("price_minor");--> statement-breakpoint
CREATE INDEX "catalogue_search_institution_slug_index" ON "catalogue_search" USING btree ("institution_slug");--> statement-breakpoint
CREATE INDEX "catalogue_search_kind_index" ON "catalogue_search" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "catalogue_search_published_at_index" ON "catalogue_search" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "catalogue_search_languages_idx" ON "catalogue_search" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("id") WHERE "outbox"."processed_at" is null;--> statement-breakpoint
CREATE INDEX "search_lexicon_trgm_idx" ON "search_lexicon" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "api_keys_institution_id_index" ON "api_keys" USING btree ("institution_id");