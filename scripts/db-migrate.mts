// npm run db:migrate – apply migrations (PostgreSQL: under an advisory lock; PGlite: on open).
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { closeDb, getDb, type Db } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { getEnv } from "@/lib/env";
import { installJobSchema } from "@/lib/jobs/boss";

const url = getEnv().DATABASE_URL;
try {
  if (url) {
    // One connection: the advisory lock belongs to the session that takes it.
    const client = postgres(url, { max: 1, onnotice: () => {} });
    await migrateDatabase(drizzle(client, { schema }) as unknown as Db, "postgres");
    await client.end();
    // pg-boss's schema and our queues (it takes its own advisory lock).
    await installJobSchema(url);
  } else {
    await getDb();
    await closeDb();
  }
  console.log(`Migrations applied (${url ? "PostgreSQL" : "PGlite"}).`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
}
