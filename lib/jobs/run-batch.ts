import type { Job, JobResult } from "pg-boss";
import { topics, type Payload, type Topic } from "./topics";

/** What a topic does with a batch of payloads; it must be idempotent (at-least-once delivery). */
export type JobHandler<T extends Topic> = (payloads: Payload<T>[]) => Promise<void>;
export type JobHandlers = { [T in Topic]: JobHandler<T> };

const failure = (e: unknown) => ({
  message: e instanceof Error ? e.message : String(e),
});

/**
 * Run a batch through its handler, then settle each job on its own: if the whole batch fails,
 * each job is tried alone, so one bad job neither fails nor delays the others. A payload that
 * does not parse can never succeed: it goes straight to the dead-letter queue.
 */
export async function runBatch<T extends Topic>(
  topic: T,
  handler: JobHandler<T>,
  jobs: Job<unknown>[],
): Promise<JobResult[]> {
  const results: JobResult[] = [];
  const valid: { id: string; payload: Payload<T> }[] = [];
  for (const job of jobs) {
    const parsed = topics[topic].payload.safeParse(job.data);
    if (parsed.success) valid.push({ id: job.id, payload: parsed.data as Payload<T> });
    else results.push({ id: job.id, status: "deadletter", output: failure(parsed.error) });
  }
  if (valid.length === 0) return results;
  try {
    await handler(valid.map((v) => v.payload));
    return [...results, ...valid.map((v) => ({ id: v.id, status: "completed" as const }))];
  } catch (batchError) {
    if (valid.length === 1) {
      return [...results, { id: valid[0]!.id, status: "failed", output: failure(batchError) }];
    }
  }
  for (const v of valid) {
    try {
      await handler([v.payload]);
      results.push({ id: v.id, status: "completed" });
    } catch (e) {
      results.push({ id: v.id, status: "failed", output: failure(e) });
    }
  }
  return results;
}
