CREATE TABLE "cart_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"offer_kind" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cart_quantity" CHECK ("cart_items"."quantity" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "fapiao_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_institution_id" uuid NOT NULL,
	"title" text NOT NULL,
	"taxpayer_id" text NOT NULL,
	"email" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"invoice_number" text,
	"requested_by" uuid,
	"issued_by" uuid,
	"issued_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_version_id" uuid NOT NULL,
	"seller_institution_id" uuid NOT NULL,
	"offer_kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_amount_minor" integer NOT NULL,
	"amount_minor" bigint NOT NULL,
	"fee_minor" bigint NOT NULL,
	"share_minor" bigint NOT NULL,
	"term_months" integer,
	"places" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"fee_refunded_minor" bigint DEFAULT 0 NOT NULL,
	"state_reason" text,
	"fulfilled_at" timestamp with time zone,
	CONSTRAINT "lines_quantity" CHECK ("order_lines"."quantity" between 1 and 100000),
	CONSTRAINT "lines_places" CHECK ("order_lines"."places" >= 0),
	CONSTRAINT "lines_unit" CHECK ("order_lines"."unit_amount_minor" >= 0),
	CONSTRAINT "lines_amount" CHECK ("order_lines"."amount_minor" between 0 and 9007199254740991),
	CONSTRAINT "lines_fee" CHECK ("order_lines"."fee_minor" between 0 and 9007199254740991),
	CONSTRAINT "lines_share" CHECK ("order_lines"."share_minor" between 0 and 9007199254740991),
	CONSTRAINT "lines_refunded" CHECK ("order_lines"."refunded_minor" between 0 and 9007199254740991),
	CONSTRAINT "lines_fee_refunded" CHECK ("order_lines"."fee_refunded_minor" between 0 and 9007199254740991),
	CONSTRAINT "lines_split" CHECK ("order_lines"."fee_minor" + "order_lines"."share_minor" = "order_lines"."amount_minor"),
	CONSTRAINT "lines_refund_le_amount" CHECK ("order_lines"."refunded_minor" <= "order_lines"."amount_minor"),
	CONSTRAINT "lines_fee_refund_le_fee" CHECK ("order_lines"."fee_refunded_minor" <= "order_lines"."fee_minor")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"placed_by" uuid NOT NULL,
	"buyer_institution_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"route" text NOT NULL,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"fee_bp" integer NOT NULL,
	"fee_minor" bigint NOT NULL,
	"hold_expires_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_total" CHECK ("orders"."total_minor" between 0 and 9007199254740991),
	CONSTRAINT "orders_fee" CHECK ("orders"."fee_minor" between 0 and 9007199254740991),
	CONSTRAINT "orders_fee_bp" CHECK ("orders"."fee_bp" between 0 and 10000),
	CONSTRAINT "orders_fee_le_total" CHECK ("orders"."fee_minor" <= "orders"."total_minor")
);
--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"payment_external_id" text NOT NULL,
	"payment_id" uuid,
	"order_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "disputes_amount" CHECK ("disputes"."amount_minor" between 0 and 9007199254740991)
);
--> statement-breakpoint
CREATE TABLE "payment_accounts" (
	"institution_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_accounts_stripe_account_id_unique" UNIQUE("stripe_account_id")
);
--> statement-breakpoint
CREATE TABLE "payment_incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"provider" text NOT NULL,
	"event_id" text,
	"order_id" uuid,
	"payment_id" uuid,
	"refund_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"external_id" text,
	"url" text,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_sessions_amount" CHECK ("payment_sessions"."amount_minor" between 0 and 9007199254740991)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"session_id" uuid,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"charge_id" text,
	"amount_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"surplus_reason" text,
	"recorded_by" uuid,
	"captured_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payments_amount" CHECK ("payments"."amount_minor" between 0 and 9007199254740991),
	CONSTRAINT "payments_refunded" CHECK ("payments"."refunded_minor" between 0 and 9007199254740991),
	CONSTRAINT "payments_refund_le_amount" CHECK ("payments"."refunded_minor" <= "payments"."amount_minor")
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"payment_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"line_id" uuid,
	"provider" text NOT NULL,
	"external_id" text,
	"amount_minor" bigint NOT NULL,
	"fee_minor" bigint DEFAULT 0 NOT NULL,
	"share_minor" bigint DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"allocated" boolean DEFAULT true NOT NULL,
	"reversal_external_id" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount_minor" between 0 and 9007199254740991),
	CONSTRAINT "refunds_fee" CHECK ("refunds"."fee_minor" between 0 and 9007199254740991),
	CONSTRAINT "refunds_share" CHECK ("refunds"."share_minor" between 0 and 9007199254740991),
	CONSTRAINT "refunds_split" CHECK ("refunds"."line_id" is null or "refunds"."fee_minor" + "refunds"."share_minor" = "refunds"."amount_minor")
);
--> statement-breakpoint
CREATE TABLE "seller_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_institution_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reversed_minor" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"external_id" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_transfers_amount" CHECK ("seller_transfers"."amount_minor" between 0 and 9007199254740991),
	CONSTRAINT "seller_transfers_reversed" CHECK ("seller_transfers"."reversed_minor" between 0 and 9007199254740991)
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"period" text NOT NULL,
	"currency" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"reference" text NOT NULL,
	"settled_by" uuid,
	"settled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "settlements_amount" CHECK ("settlements"."amount_minor" between 0 and 9007199254740991)
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_version_id" uuid NOT NULL,
	"credits_x100" integer NOT NULL,
	"level" smallint NOT NULL,
	"field_code" text NOT NULL,
	"source" text NOT NULL,
	"order_line_id" uuid,
	"seat_id" uuid,
	"licence_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolments_credits" CHECK ("enrolments"."credits_x100" between 0 and 10000)
);
--> statement-breakpoint
CREATE TABLE "institution_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"added_by" uuid,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institution_domains_lower" CHECK ("institution_domains"."domain" = lower("institution_domains"."domain"))
);
--> statement-breakpoint
CREATE TABLE "licence_seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"seat_no" integer NOT NULL,
	"state" text DEFAULT 'unassigned' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensee_institution_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"resource_version_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"seat_count" integer,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "licences_seats" CHECK ("licences"."seat_count" is null or "licences"."seat_count" > 0),
	CONSTRAINT "licences_term" CHECK ("licences"."valid_to" > "licences"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "seat_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licence_id" uuid NOT NULL,
	"seat_id" uuid,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "resource_offers" ADD COLUMN "term_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cart_items" ADD CONSTRAINT "cart_items_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_seller_institution_id_institutions_id_fk" FOREIGN KEY ("seller_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fapiao_requests" ADD CONSTRAINT "fapiao_requests_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_resource_version_id_resource_versions_id_fk" FOREIGN KEY ("resource_version_id") REFERENCES "public"."resource_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_seller_institution_id_institutions_id_fk" FOREIGN KEY ("seller_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_buyer_institution_id_institutions_id_fk" FOREIGN KEY ("buyer_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_accounts" ADD CONSTRAINT "payment_accounts_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_incidents" ADD CONSTRAINT "payment_incidents_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_incidents" ADD CONSTRAINT "payment_incidents_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_incidents" ADD CONSTRAINT "payment_incidents_refund_id_refunds_id_fk" FOREIGN KEY ("refund_id") REFERENCES "public"."refunds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_incidents" ADD CONSTRAINT "payment_incidents_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_sessions" ADD CONSTRAINT "payment_sessions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_session_id_payment_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."payment_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_line_id_order_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_transfers" ADD CONSTRAINT "seller_transfers_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_transfers" ADD CONSTRAINT "seller_transfers_seller_institution_id_institutions_id_fk" FOREIGN KEY ("seller_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_settled_by_users_id_fk" FOREIGN KEY ("settled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_resource_version_id_resource_versions_id_fk" FOREIGN KEY ("resource_version_id") REFERENCES "public"."resource_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_domains" ADD CONSTRAINT "institution_domains_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_domains" ADD CONSTRAINT "institution_domains_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_domains" ADD CONSTRAINT "institution_domains_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licence_seats" ADD CONSTRAINT "licence_seats_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_licensee_institution_id_institutions_id_fk" FOREIGN KEY ("licensee_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_resource_version_id_resource_versions_id_fk" FOREIGN KEY ("resource_version_id") REFERENCES "public"."resource_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licences" ADD CONSTRAINT "licences_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "public"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_invitations" ADD CONSTRAINT "seat_invitations_licence_id_licences_id_fk" FOREIGN KEY ("licence_id") REFERENCES "public"."licences"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_invitations" ADD CONSTRAINT "seat_invitations_seat_id_licence_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."licence_seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_invitations" ADD CONSTRAINT "seat_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_invitations" ADD CONSTRAINT "seat_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "cart_items_user_resource_kind_key" ON "cart_items" USING btree ("user_id","resource_id","offer_kind");--> statement-breakpoint
CREATE UNIQUE INDEX "fapiao_order_seller_key" ON "fapiao_requests" USING btree ("order_id","seller_institution_id");--> statement-breakpoint
CREATE INDEX "fapiao_requests_seller_institution_id_status_index" ON "fapiao_requests" USING btree ("seller_institution_id","status");--> statement-breakpoint
CREATE INDEX "order_lines_order_id_index" ON "order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_lines_resource_id_state_index" ON "order_lines" USING btree ("resource_id","state");--> statement-breakpoint
CREATE INDEX "order_lines_seller_institution_id_index" ON "order_lines" USING btree ("seller_institution_id");--> statement-breakpoint
CREATE INDEX "orders_placed_by_index" ON "orders" USING btree ("placed_by");--> statement-breakpoint
CREATE INDEX "orders_buyer_institution_id_index" ON "orders" USING btree ("buyer_institution_id");--> statement-breakpoint
CREATE INDEX "orders_status_hold_expires_at_index" ON "orders" USING btree ("status","hold_expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "disputes_external_key" ON "disputes" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "disputes_provider_payment_external_id_index" ON "disputes" USING btree ("provider","payment_external_id");--> statement-breakpoint
CREATE INDEX "payment_incidents_kind_resolved_at_index" ON "payment_incidents" USING btree ("kind","resolved_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_sessions_external_key" ON "payment_sessions" USING btree ("provider","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_sessions_one_open" ON "payment_sessions" USING btree ("order_id") WHERE "payment_sessions"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "payments_external_key" ON "payments" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "payments_order_id_index" ON "payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_external_key" ON "refunds" USING btree ("provider","external_id");--> statement-breakpoint
CREATE INDEX "refunds_order_id_index" ON "refunds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "refunds_payment_id_index" ON "refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seller_transfers_order_seller_key" ON "seller_transfers" USING btree ("order_id","seller_institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_period_key" ON "settlements" USING btree ("institution_id","period","currency");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_one_live" ON "enrolments" USING btree ("user_id","resource_id") WHERE "enrolments"."status" in ('active', 'suspended', 'completed');--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_order_line_key" ON "enrolments" USING btree ("order_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_seat_key" ON "enrolments" USING btree ("seat_id");--> statement-breakpoint
CREATE INDEX "enrolments_resource_id_index" ON "enrolments" USING btree ("resource_id");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_domains_key" ON "institution_domains" USING btree ("institution_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "licence_seats_no_key" ON "licence_seats" USING btree ("licence_id","seat_no");--> statement-breakpoint
CREATE INDEX "licence_seats_licence_id_state_index" ON "licence_seats" USING btree ("licence_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "licences_order_line_key" ON "licences" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "licences_licensee_institution_id_index" ON "licences" USING btree ("licensee_institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_invitations_hash_key" ON "seat_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_invitations_one_pending" ON "seat_invitations" USING btree ("seat_id") WHERE "seat_invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "seat_invitations_licence_id_status_index" ON "seat_invitations" USING btree ("licence_id","status");--> statement-breakpoint
ALTER TABLE "resource_offers" ADD CONSTRAINT "offer_term" CHECK ("resource_offers"."term_months" between 1 and 120);