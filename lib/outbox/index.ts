import { asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { outbox } from "@/db/schema";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";

export type OutboxTopic = "search.sync";
type Handler = (payloads: unknown[]) => Promise<void>;

const handlers = new Map<OutboxTopic, Handler>();

/** Register what a topic does; modules register at import (lib/search/index.ts). */
export function onOutbox(topic: OutboxTopic, handler: Handler): void {
  handlers.set(topic, handler);
}

/** Write a row inside the caller's transaction: it exists exactly when the change commits. */
export async function enqueue(tx: DbOrTx, topic: OutboxTopic, payload: unknown): Promise<void> {
  await tx.insert(outbox).values({ topic, payload });
}

const BATCH = 200;

/**
 * Process pending rows: claim a batch (SKIP LOCKED, so several workers share the work), run the
 * topic's handler once per batch, mark them processed in the same transaction. A failing
 * handler leaves its rows pending with the error recorded, to be retried.
 */
export async function processOutbox(maxBatches = 50): Promise<number> {
  await import("./handlers"); // registers every topic's handler (kept out of this module's imports)
  const db = await getDb();
  let done = 0;
  for (let i = 0; i < maxBatches; i++) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, topic: outbox.topic, payload: outbox.payload })
        .from(outbox)
        .where(isNull(outbox.processedAt))
        .orderBy(asc(outbox.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (rows.length === 0) return 0;
      const byTopic = new Map<string, typeof rows>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      for (const [topic, group] of byTopic) {
        const handler = handlers.get(topic as OutboxTopic);
        if (!handler) continue; // unknown here: leave it for a process that knows the topic
        try {
          await handler(group.map((r) => r.payload));
          await tx
            .update(outbox)
            .set({ processedAt: now(), attempts: sql`${outbox.attempts} + 1` })
            .where(
              inArray(
                outbox.id,
                group.map((r) => r.id),
              ),
            );
        } catch (e) {
          await tx
            .update(outbox)
            .set({
              attempts: sql`${outbox.attempts} + 1`,
              lastError: e instanceof Error ? e.message : String(e),
            })
            .where(
              inArray(
                outbox.id,
                group.map((r) => r.id),
              ),
            );
        }
      }
      return rows.length;
    });
    done += n;
    if (n < BATCH) break;
  }
  return done;
}

let running: Promise<void> | null = null;
let again = false;

/** After a commit: process in this process, in the background, one run at a time. */
export function kickOutbox(): void {
  if (getEnv().OUTBOX_MODE === "worker") return;
  if (running) {
    again = true;
    return;
  }
  running = (async () => {
    do {
      again = false;
      await processOutbox().catch((e: unknown) => console.error("outbox:", e));
    } while (again);
  })().finally(() => {
    running = null;
  });
}

/** For tests and shutdown: wait until the background run (if any) has finished. */
export async function outboxIdle(): Promise<void> {
  while (running) await running;
}

export async function pendingOutbox(db: DbOrTx, topic: OutboxTopic) {
  return db.select().from(outbox).where(eq(outbox.topic, topic));
}
