import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import type { DbOrTx } from "@/db";
import { openJobs } from "./open";
import { topics, type Payload, type Topic } from "./topics";

/**
 * Queue background work inside the transaction of the change that causes it: a rollback drops the
 * job, a commit makes it run (at least once; handlers are idempotent). Never call it outside a
 * transaction on PGlite: pg-boss would wait for the one connection the transaction holds.
 */
export async function enqueue<T extends Topic>(
  tx: DbOrTx,
  topic: T,
  payload: Payload<T>,
): Promise<void> {
  const data = topics[topic].payload.parse(payload) as object;
  const boss = await openJobs();
  await boss.send(topic, data, { db: fromDrizzle(tx as never, sql) });
}

/** Many jobs of one topic in one statement (bulk imports), inside the transaction as above. */
export async function enqueueMany<T extends Topic>(
  tx: DbOrTx,
  topic: T,
  payloads: Payload<T>[],
): Promise<void> {
  if (payloads.length === 0) return;
  const jobs = payloads.map((p) => ({ data: topics[topic].payload.parse(p) as object }));
  const boss = await openJobs();
  await boss.insert(topic, jobs, { db: fromDrizzle(tx as never, sql) });
}
