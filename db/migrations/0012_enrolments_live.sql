-- Room in each page for the pass's in-place (HOT) update of its enrolment: set first, so the
-- rewrite that adding the stored column makes leaves the existing pages 10% free too.
ALTER TABLE "enrolments" SET (fillfactor = 90);--> statement-breakpoint
DROP INDEX "enrolments_one_live";--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "live" boolean GENERATED ALWAYS AS (status in ('active', 'suspended', 'completed')) STORED NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_one_live" ON "enrolments" USING btree ("user_id","resource_id") WHERE "enrolments"."live";
