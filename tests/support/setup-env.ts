import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
// Ledger checkpoint files go to a directory of this test file's own (PGlite files run side by
// side, each with its own database and so its own checkpoint 1).
const ledgerExportDir = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-ledger-"));
process.env.LEDGER_EXPORT_DIR = ledgerExportDir;

// Opening (PGlite: migrating, installing the job queue) counts against the hook's time, not the
// first test's.
beforeAll(async () => {
  await getDb();
});

afterAll(async () => {
  await closeDb();
  fs.rmSync(ledgerExportDir, { recursive: true, force: true });
});
