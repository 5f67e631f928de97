ALTER TABLE "audit_log" ALTER COLUMN "before" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "after" SET DATA TYPE json;