CREATE TABLE "learning_account_counters" (
	"year" smallint PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"number" text NOT NULL,
	"name_on_credentials" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_checkpoints" (
	"number" integer PRIMARY KEY NOT NULL,
	"prev_checkpoint_hash" text NOT NULL,
	"accounts" integer NOT NULL,
	"entries" integer NOT NULL,
	"root" text NOT NULL,
	"kid" text NOT NULL,
	"jws" text NOT NULL,
	"file" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"credits_x100" integer NOT NULL,
	"level" smallint,
	"field_code" text,
	"source_institution_id" uuid,
	"acting_institution_id" uuid,
	"resource_id" uuid,
	"resource_version_id" uuid,
	"enrolment_id" uuid,
	"completion_id" uuid,
	"score_x100" integer,
	"completed_on" date,
	"title_zh" text,
	"title_en" text,
	"target_institution_id" uuid,
	"target_course_code" text,
	"credit_category" text,
	"rule_id" uuid,
	"rule_version" integer,
	"reverses_entry_id" uuid,
	"hash_version" smallint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "ledger_entries_seq" CHECK ("ledger_entries"."seq" >= 1),
	CONSTRAINT "ledger_entries_hash" CHECK ("ledger_entries"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "ledger_entries_prev" CHECK ("ledger_entries"."prev_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "ledger_entries_sign" CHECK (("ledger_entries"."kind" in ('deposit', 'recognition') and "ledger_entries"."credits_x100" >= 0)
        or ("ledger_entries"."kind" in ('reversal', 'expiry') and "ledger_entries"."credits_x100" <= 0))
);
--> statement-breakpoint
CREATE TABLE "completions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"score_x100" integer,
	"attendance_pct" smallint,
	"completed_on" date NOT NULL,
	"evidence_url" text,
	"outcome" text NOT NULL,
	"reason" text,
	"source" text NOT NULL,
	"recorded_by" uuid,
	"api_key_id" uuid,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "completions_score" CHECK ("completions"."score_x100" is null or "completions"."score_x100" between 0 and 10000),
	CONSTRAINT "completions_attendance" CHECK ("completions"."attendance_pct" is null or "completions"."attendance_pct" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"completion_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"entry_id" uuid,
	"status_index" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"payload" jsonb NOT NULL,
	"jwt" text,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "credentials_status_index" CHECK ("credentials"."status_index" >= 0)
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ratings_stars" CHECK ("ratings"."stars" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "learning_accounts" ADD CONSTRAINT "learning_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_account_id_learning_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."learning_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completions" ADD CONSTRAINT "completions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completions" ADD CONSTRAINT "completions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completions" ADD CONSTRAINT "completions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completions" ADD CONSTRAINT "completions_api_key_id_api_keys_id_fk" FOREIGN KEY ("api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "completions" ADD CONSTRAINT "completions_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_completion_id_completions_id_fk" FOREIGN KEY ("completion_id") REFERENCES "public"."completions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_account_id_learning_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."learning_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "learning_accounts_user_key" ON "learning_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_accounts_number_key" ON "learning_accounts" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_account_seq" ON "ledger_entries" USING btree ("account_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_account_prev" ON "ledger_entries" USING btree ("account_id","prev_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_completion_deposit" ON "ledger_entries" USING btree ("completion_id") WHERE "ledger_entries"."kind" = 'deposit';--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_reverses" ON "ledger_entries" USING btree ("reverses_entry_id") WHERE "ledger_entries"."kind" in ('reversal', 'expiry');--> statement-breakpoint
CREATE INDEX "ledger_entries_enrolment_id_index" ON "ledger_entries" USING btree ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "completions_one_live_pass" ON "completions" USING btree ("enrolment_id") WHERE "completions"."outcome" = 'pass' and "completions"."voided_at" is null;--> statement-breakpoint
CREATE INDEX "completions_enrolment_id_index" ON "completions" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "completions_institution_id_created_at_index" ON "completions" USING btree ("institution_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_completion_key" ON "credentials" USING btree ("completion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_status_index_key" ON "credentials" USING btree ("status_index");--> statement-breakpoint
CREATE INDEX "credentials_account_id_index" ON "credentials" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_resource_user_key" ON "ratings" USING btree ("resource_id","user_id");--> statement-breakpoint
-- The ledger is append-only (PRODUCT.md §7): the database refuses UPDATE, DELETE and TRUNCATE.
CREATE TRIGGER "ledger_entries_no_update_delete" BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "refuse_rewrite"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_rewrite"();
