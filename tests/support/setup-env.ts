import { afterAll } from "vitest";
import { closeDb } from "@/db";

// Without DATABASE_URL each test file gets its own in-memory PGlite, migrated on open.
process.env.APP_MODE = "demo";
process.env.PGLITE_DIR ??= "memory://";
process.env.DATA_DIR ??= ".data/test";
process.env.PUBLIC_BASE_URL = "http://exchange.test";
delete process.env.SMTP_URL;

afterAll(async () => {
  await closeDb();
});
