import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/db/schema";
import { migrateDatabase } from "@/db/migrate";
import type { Db } from "@/db";
import { installJobSchema } from "@/lib/jobs/boss";
import { assertLocalDatabase } from "./local-database";

/** Drop everything in a local test database and migrate it afresh. */
export async function resetPostgres(url: string): Promise<void> {
  assertLocalDatabase(url);
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(
      "drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; drop schema if exists public cascade; create schema public;",
    );
    await migrateDatabase(drizzle(client, { schema }) as unknown as Db, "postgres");
  } finally {
    await client.end();
  }
  await installJobSchema(url);
}
