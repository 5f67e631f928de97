import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resetPostgres } from "./reset-postgres";

/**
 * PostgreSQL runs start from an empty, migrated schema. PGlite runs give each file its own
 * in-memory database, loaded from one copy migrated here (with pg-boss's schema and queues), so
 * no file pays for migrating.
 */
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (url) {
    await resetPostgres(url);
    return;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { PgBoss, fromPglite } = await import("pg-boss");
  const schema = await import("@/db/schema");
  const { migrateDatabase } = await import("@/db/migrate");
  const { installQueues } = await import("@/lib/jobs/boss");
  const client = await PGlite.create({ extensions: { pg_trgm } });
  await migrateDatabase(drizzle(client, { schema }) as never, "pglite");
  const boss = new PgBoss({ db: fromPglite(client), backend: "pglite", registerInstance: false });
  await boss.start();
  await installQueues(boss);
  await boss.stop({ graceful: false });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "exchange-pglite-")),
    "template.tar",
  );
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.PGLITE_TEMPLATE = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
