ALTER TABLE "credentials" ALTER COLUMN "payload" SET DATA TYPE json;--> statement-breakpoint
-- A credential's payload (~3.4 KB) is compressed on insert: lz4 costs a fraction of pglz on the
-- completion batch's hot path. The embedded PGlite has no lz4 and keeps the default.
DO $$ BEGIN
  ALTER TABLE "credentials" ALTER COLUMN "payload" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$;
