DROP INDEX "enrolments_one_live";--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "live" boolean GENERATED ALWAYS AS (status in ('active', 'suspended', 'completed')) STORED NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_one_live" ON "enrolments" USING btree ("user_id","resource_id") WHERE "enrolments"."live";--> statement-breakpoint
-- Room in each page for the pass's in-place (HOT) update of its enrolment (new pages only; an
-- existing page makes room as its old row versions are pruned).
ALTER TABLE "enrolments" SET (fillfactor = 90);
