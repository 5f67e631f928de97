ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_hash";--> statement-breakpoint
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_prev";--> statement-breakpoint
ALTER TABLE "credential_templates" DROP CONSTRAINT "credential_templates_hash";--> statement-breakpoint
-- Added NOT VALID, then validated: the scan of existing rows does not block writers.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_hash" CHECK (octet_length("ledger_entries"."hash") = 64 and "ledger_entries"."hash" !~ '[^0-9a-f]') NOT VALID;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_prev" CHECK (octet_length("ledger_entries"."prev_hash") = 64 and "ledger_entries"."prev_hash" !~ '[^0-9a-f]') NOT VALID;--> statement-breakpoint
ALTER TABLE "credential_templates" ADD CONSTRAINT "credential_templates_hash" CHECK (octet_length("credential_templates"."hash") = 64 and "credential_templates"."hash" !~ '[^0-9a-f]') NOT VALID;--> statement-breakpoint
ALTER TABLE "ledger_entries" VALIDATE CONSTRAINT "ledger_entries_hash";--> statement-breakpoint
ALTER TABLE "ledger_entries" VALIDATE CONSTRAINT "ledger_entries_prev";--> statement-breakpoint
ALTER TABLE "credential_templates" VALIDATE CONSTRAINT "credential_templates_hash";
