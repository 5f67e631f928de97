import type { PGlite } from "@electric-sql/pglite";
import { PgBoss, fromPglite } from "pg-boss";
import {
  COMPLETED_RETENTION_SECONDS,
  DEAD_LETTER_QUEUE,
  DEAD_LETTER_RETENTION_SECONDS,
  schedules,
  topicNames,
  topics,
} from "./topics";

/** pg-boss's own pool beside ours (db/index.ts: 10): each instance opens at most 13 connections. */
export const BOSS_POOL_MAX = 3;

type Target = { kind: "pglite"; client: PGlite } | { kind: "postgres"; url: string };

const store = globalThis as typeof globalThis & { __exchangeBoss?: Promise<PgBoss> };

const supervisionSeconds = () => Number(process.env.JOBS_SUPERVISE_SECONDS ?? 30);

function construct(target: Target, install: boolean, max = BOSS_POOL_MAX): PgBoss {
  const common = {
    // Expired active jobs (a crashed worker) are found by supervision's monitor pass, which runs
    // at most every monitorIntervalSeconds: both at 30 s, so a lost job returns within its expiry
    // plus half a minute. Tests shorten them (JOBS_SUPERVISE_SECONDS).
    superviseIntervalSeconds: supervisionSeconds(),
    monitorIntervalSeconds: supervisionSeconds(),
    migrate: install,
    createSchema: install,
    schedule: true,
    supervise: true,
    registerInstance: false,
  };
  const boss =
    target.kind === "pglite"
      ? new PgBoss({ ...common, db: fromPglite(target.client), backend: "pglite" })
      : new PgBoss({ ...common, connectionString: target.url, max });
  // pg-boss reports lost connections and failed maintenance here and goes on (it reconnects).
  boss.on("error", (e: unknown) => console.error("jobs:", e instanceof Error ? e.message : e));
  return boss;
}

/**
 * Install pg-boss's schema and our queues (idempotent): on PGlite when it opens, on PostgreSQL
 * from `npm run db:migrate`. Queue settings are re-applied, so a changed retry policy takes effect.
 */
export async function installQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS });
  for (const name of topicNames) {
    const options = {
      ...topics[name].queue,
      retryBackoff: true,
      deleteAfterSeconds: COMPLETED_RETENTION_SECONDS,
      deadLetter: DEAD_LETTER_QUEUE,
    };
    await boss.createQueue(name, options);
    // pg-boss fixes retryDelayMax when the queue is created; the rest can change later.
    const { retryDelayMax, ...changeable } = options;
    void retryDelayMax;
    await boss.updateQueue(name, changeable);
  }
  for (const s of schedules) await boss.schedule(s.topic, s.cron, {}, { tz: "Asia/Shanghai" });
}

/** `npm run db:migrate` on PostgreSQL (and the test reset): schema and queues, then let go. */
export async function installJobSchema(url: string): Promise<void> {
  const boss = construct({ kind: "postgres", url }, true, 1);
  await boss.start();
  try {
    await installQueues(boss);
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

/** The process's pg-boss, started once; on PGlite it shares the one embedded connection. */
export function startBoss(target: Target, install: boolean): Promise<PgBoss> {
  store.__exchangeBoss ??= (async () => {
    const boss = construct(target, install);
    await boss.start();
    if (install) await installQueues(boss);
    return boss;
  })().catch((e: unknown) => {
    store.__exchangeBoss = undefined;
    throw e;
  });
  return store.__exchangeBoss;
}

/** The started pg-boss of this process, or undefined before the database was opened. */
export function currentBoss(): Promise<PgBoss> | undefined {
  return store.__exchangeBoss;
}

export async function stopBoss(): Promise<void> {
  const b = store.__exchangeBoss;
  store.__exchangeBoss = undefined;
  if (b) await (await b).stop({ graceful: true, timeout: 10_000, close: true });
}
