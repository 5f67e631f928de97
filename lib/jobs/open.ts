import type { PgBoss } from "pg-boss";
import { getDb } from "@/db";
import { currentBoss } from "./boss";

/** The process's started pg-boss; opening the database starts it (db/index.ts). */
export async function openJobs(): Promise<PgBoss> {
  await getDb();
  const boss = currentBoss();
  if (!boss) throw new Error("the job queue did not start with the database");
  return boss;
}
