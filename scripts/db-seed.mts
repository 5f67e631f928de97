// npm run db:seed – write the demo alliance (idempotent) and print the demo logins.
import { closeDb, getDb } from "@/db";
import { DEMO_PASSWORD, seedDemo } from "@/db/seed";
import { getEnv } from "@/lib/env";

if (getEnv().APP_MODE !== "demo") {
  console.error("db:seed writes demo logins with a published password: it runs in demo mode only.");
  process.exit(1);
}
try {
  const logins = await seedDemo(await getDb());
  console.log("Demo data is ready. Demo logins (password for all: %s):", DEMO_PASSWORD);
  for (const l of logins) console.log(`  ${l.email.padEnd(26)} ${l.describe}`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
