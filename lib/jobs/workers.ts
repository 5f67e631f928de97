import { openJobs } from "./open";
import { runBatch, type JobHandler, type JobHandlers } from "./run-batch";
import { topicNames, topics, type Topic } from "./topics";

// A job backed off while nothing else happens is still picked up within a second or two.
const POLLING_SECONDS = 1;

/**
 * Work every topic in this process until the returned function is called: in the app process
 * (`OUTBOX_MODE=inline`, from instrumentation.ts) or in `npm run worker`. Handlers are passed in
 * explicitly (lib/jobs/handlers.ts in production; tests pass recording ones).
 */
export async function startWorkers(handlers: JobHandlers): Promise<() => Promise<void>> {
  const boss = await openJobs();
  for (const topic of topicNames) {
    const handler = handlers[topic] as JobHandler<Topic>;
    await boss.work(
      topic,
      {
        batchSize: topics[topic].batchSize,
        pollingIntervalSeconds: POLLING_SECONDS,
        perJobResults: true,
      },
      (jobs) => runBatch(topic, handler, jobs),
    );
  }
  return async () => {
    for (const topic of topicNames) await boss.offWork(topic, { wait: true });
  };
}

/**
 * Run every job that is due now, in this process, until none is left (jobs backed off for later
 * stay queued). For command-line tools that end (seed, import) and for tests.
 */
export async function drainJobs(
  handlers: JobHandlers,
  only: readonly Topic[] = topicNames,
): Promise<number> {
  const boss = await openJobs();
  let done = 0;
  for (let round = 0; round < 10_000; round++) {
    let fetched = 0;
    for (const topic of only) {
      const jobs = await boss.fetch(topic, { batchSize: topics[topic].batchSize });
      fetched += jobs.length;
      if (jobs.length === 0) continue;
      const results = await runBatch(topic, handlers[topic] as JobHandler<Topic>, jobs);
      for (const r of results) {
        const attempt = jobs.find((j) => j.id === r.id)!;
        if (r.status === "completed") {
          await boss.complete(topic, attempt);
          done++;
        } else {
          // Retried with backoff by pg-boss; dead-lettered once its retries are spent.
          await boss.fail(topic, attempt, r.output ?? null);
        }
      }
    }
    if (fetched === 0) break;
  }
  return done;
}
