CREATE TABLE "credential_achievements" (
	"hash" text PRIMARY KEY NOT NULL,
	"body" json NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_achievements_hash" CHECK ("credential_achievements"."hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "credentials" ADD COLUMN "achievement_hash" text;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_achievement_hash_credential_achievements_hash_fk" FOREIGN KEY ("achievement_hash") REFERENCES "public"."credential_achievements"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Shared by many credentials, so never rewritten: like the ledger and the audit log.
CREATE TRIGGER "credential_achievements_no_update_delete" BEFORE UPDATE OR DELETE ON "credential_achievements"
  FOR EACH ROW EXECUTE FUNCTION "refuse_rewrite"();--> statement-breakpoint
CREATE TRIGGER "credential_achievements_no_truncate" BEFORE TRUNCATE ON "credential_achievements"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_rewrite"();
