import path from "node:path";
import { sql } from "drizzle-orm";
import { defaultFieldsOfStudy, defaultFrameworkLevels } from "@/lib/standard/defaults";
import * as schema from "./schema";
import type { Db, DbKind } from "./index";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any fixed number: instances starting together take turns migrating.
const MIGRATION_LOCK_KEY = 727_274_001;

/** Apply committed migrations, then write the credit standard's defaults where absent. */
export async function migrateDatabase(db: Db, kind: DbKind): Promise<void> {
  if (kind === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // The advisory lock is session-scoped: the caller must pass a single-connection client.
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrate(db as never, { migrationsFolder });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  }
  await writeReferenceData(db);
}

async function writeReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(schema.creditStandard).values({ id: 1 }).onConflictDoNothing();
    await tx.insert(schema.frameworkLevels).values(defaultFrameworkLevels).onConflictDoNothing();
    await tx.insert(schema.fieldsOfStudy).values(defaultFieldsOfStudy).onConflictDoNothing();
  });
}
