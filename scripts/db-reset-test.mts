// Empty and migrate a local test database (refuses any other host). Used by the e2e server.
import { resetPostgres } from "../tests/support/reset-postgres";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
await resetPostgres(url);
console.log("Test database reset and migrated.");
