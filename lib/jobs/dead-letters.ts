import "server-only";
import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import { z } from "zod";
import { getDb, selectRows } from "@/db";
import { writeAudit } from "@/lib/audit";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { openJobs } from "./open";
import { DEAD_LETTER_QUEUE, topicNames } from "./topics";

export type JobCounts = { queued: number; deadLetters: number };

/**
 * Fresh counts from the job table (pg-boss's getQueues answers from a cache refreshed every
 * minute): jobs waiting or running, and dead letters waiting for a person.
 */
export async function countJobs(): Promise<JobCounts> {
  await openJobs();
  const [row] = await selectRows<{ queued: number; dead: number }>(
    await getDb(),
    sql`select
          count(*) filter (where name in (${sql.join(
            topicNames.map((n) => sql`${n}`),
            sql`, `,
          )}) and state in ('created', 'retry', 'active'))::int as queued,
          count(*) filter (where name = ${DEAD_LETTER_QUEUE} and state = 'created')::int as dead
        from pgboss.job`,
  );
  return { queued: Number(row?.queued ?? 0), deadLetters: Number(row?.dead ?? 0) };
}

export type DeadLetter = {
  id: string;
  topic: string | null;
  failedAt: Date;
  firstQueuedAt: Date | null;
  retries: number | null;
  error: string | null;
  payload: unknown;
};

const errorOf = (output: unknown): string | null =>
  output && typeof output === "object" && "message" in output
    ? String((output as { message: unknown }).message)
    : null;

/** The admin's view of work that kept failing: where it came from and its last error. */
export async function listDeadLetters(viewer: Viewer): Promise<DeadLetter[]> {
  if (!canOnPlatform(viewer, "jobs:manage")) throw forbidden();
  const boss = await openJobs();
  const jobs = await boss.findJobs(DEAD_LETTER_QUEUE, { queued: true, limit: 200 });
  return jobs
    .map((j) => ({
      id: j.id,
      topic: j.sourceName,
      failedAt: j.createdOn,
      firstQueuedAt: j.sourceCreatedOn,
      retries: j.sourceRetryCount,
      // Dead letters keep the payload only; the error is the failed source job's last output.
      error: errorOf(j.sourceOutput),
      payload: j.data,
    }))
    .sort((a, b) => b.failedAt.getTime() - a.failedAt.getTime());
}

const retrySchema = z.strictObject({ id: z.uuid() });

/** Send a dead letter back to its queue for another round of attempts; audited. */
export async function retryDeadLetter(viewer: Viewer, input: unknown): Promise<void> {
  if (!canOnPlatform(viewer, "jobs:manage")) throw forbidden();
  const { id } = parseInput(retrySchema, input);
  const boss = await openJobs();
  const db = await getDb();
  await db.transaction(async (tx) => {
    const moved = await boss.redrive(DEAD_LETTER_QUEUE, {
      ids: [id],
      db: fromDrizzle(tx as never, sql),
    });
    if (moved === 0) throw notFound("This dead letter is gone (already retried?)");
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "jobs.retry",
      targetType: "job",
      targetId: id,
    });
  });
}
