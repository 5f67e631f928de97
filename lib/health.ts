import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDb, getDbKind, selectRows, type DbKind } from "@/db";
import { migrationsFolder } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { countJobs, type JobCounts } from "@/lib/jobs/dead-letters";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { paymentsMode, type PaymentsMode } from "@/lib/payments";

type SearchKind = "postgres" | "meilisearch";
type Health =
  | { status: "ok"; db: DbKind; search: SearchKind; payments: PaymentsMode; jobs: JobCounts }
  | {
      status: "error";
      db: DbKind | null;
      search: SearchKind;
      payments: PaymentsMode;
      message: string;
    };

// Which engine answers catalogue searches (lib/search/index.ts picks by the same setting).
const searchKind = (): SearchKind => (getEnv().MEILISEARCH_URL ? "meilisearch" : "postgres");

/** Open, and migrated up to the last committed migration (PostgreSQL migrates separately). */
export async function checkHealth(): Promise<Health> {
  let kind: DbKind | null = null;
  try {
    kind = await getDbKind();
    const db = await getDb();
    const journal = JSON.parse(
      fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
    ) as { entries: unknown[] };
    const [row] = await selectRows<{ n: SqlInteger }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const applied = toSafeInteger(row?.n ?? 0, "migration count");
    if (applied < journal.entries.length) {
      return {
        status: "error",
        db: kind,
        search: searchKind(),
        payments: paymentsMode(),
        message: "migrations pending: run npm run db:migrate",
      };
    }
    return {
      status: "ok",
      db: kind,
      search: searchKind(),
      payments: paymentsMode(),
      jobs: await countJobs(),
    };
  } catch (e) {
    // Logged, not answered: the error may name the database's host or user.
    console.error("health:", e);
    return {
      status: "error",
      db: kind,
      search: searchKind(),
      payments: paymentsMode(),
      message: "database unavailable",
    };
  }
}
