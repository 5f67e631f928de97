CREATE TABLE "credential_templates" (
	"hash" text PRIMARY KEY NOT NULL,
	"body" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_templates_hash" CHECK ("credential_templates"."hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "template_hash" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_template_hash_credential_templates_hash_fk" FOREIGN KEY ("template_hash") REFERENCES "public"."credential_templates"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Shared by many credentials, so never rewritten: like the ledger and the audit log.
CREATE TRIGGER "credential_templates_no_update_delete" BEFORE UPDATE OR DELETE ON "credential_templates"
  FOR EACH ROW EXECUTE FUNCTION "refuse_rewrite"();--> statement-breakpoint
CREATE TRIGGER "credential_templates_no_truncate" BEFORE TRUNCATE ON "credential_templates"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_rewrite"();
