import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "@/db";

// Without DATABASE_URL each test file gets its own in-memory PGlite, migrated on open.
process.env.APP_MODE = "demo";
process.env.PGLITE_DIR ??= "memory://";
process.env.DATA_DIR ??= ".data/test";
process.env.PUBLIC_BASE_URL = "http://exchange.test";
delete process.env.SMTP_URL;
// Supervision every second, so a job whose worker stalled comes back within a test's patience.
process.env.JOBS_SUPERVISE_SECONDS = "1";

// Opening (PGlite: migrating, installing the job queue) counts against the hook's time, not the
// first test's.
beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await closeDb();
});
