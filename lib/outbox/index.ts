import { and, asc, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { outbox } from "@/db/schema";
import { addSeconds, now } from "@/lib/clock";
import { getEnv } from "@/lib/env";

export type OutboxTopic = "search.sync" | "mail.send";
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
const LEASE_SECONDS = 120;
const MAX_BACKOFF_SECONDS = 3600;

type Claimed = { id: number; topic: string; payload: unknown; attempts: number };

/**
 * Claim up to a batch of due rows in a short transaction (SKIP LOCKED, so several workers share
 * the work): each gets a lease, so a crashed worker's rows are taken again once it runs out.
 */
async function claim(): Promise<Claimed[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: outbox.id,
        topic: outbox.topic,
        payload: outbox.payload,
        attempts: outbox.attempts,
      })
      .from(outbox)
      .where(
        and(
          isNull(outbox.processedAt),
          or(isNull(outbox.leaseUntil), lt(outbox.leaseUntil, now())),
        ),
      )
      .orderBy(asc(outbox.id))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (rows.length > 0) {
      await tx
        .update(outbox)
        .set({
          leaseUntil: addSeconds(now(), LEASE_SECONDS),
          attempts: sql`${outbox.attempts} + 1`,
        })
        .where(
          inArray(
            outbox.id,
            rows.map((r) => r.id),
          ),
        );
    }
    return rows;
  });
}

async function settle(rows: Claimed[], error: unknown | null): Promise<void> {
  const db = await getDb();
  const ids = rows.map((r) => r.id);
  if (error === null) {
    // A delivered mail's body (which may hold a one-time link) is not kept once sent.
    const forget = rows.every((r) => r.topic === "mail.send");
    await db
      .update(outbox)
      .set({
        processedAt: now(),
        leaseUntil: null,
        lastError: null,
        ...(forget ? { payload: {} } : {}),
      })
      .where(inArray(outbox.id, ids));
    return;
  }
  // Back off exponentially, so a row that keeps failing does not hold up the rest.
  const attempts = Math.max(...rows.map((r) => r.attempts + 1));
  await db
    .update(outbox)
    .set({
      leaseUntil: addSeconds(now(), Math.min(2 ** attempts, MAX_BACKOFF_SECONDS)),
      lastError: error instanceof Error ? error.message : String(error),
    })
    .where(inArray(outbox.id, ids));
}

/**
 * Process due rows: handlers run outside any transaction (they call other services), once per
 * topic and batch; if a batch fails, its rows are retried one by one so one bad row does not
 * stop the others. Rows of a topic this process does not know are released for another.
 */
export async function processOutbox(maxBatches = 50): Promise<number> {
  await import("./handlers"); // registers every topic's handler (kept out of this module's imports)
  let done = 0;
  for (let i = 0; i < maxBatches; i++) {
    const rows = await claim();
    if (rows.length === 0) break;
    const byTopic = new Map<string, Claimed[]>();
    for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
    for (const [topic, group] of byTopic) {
      const handler = handlers.get(topic as OutboxTopic);
      if (!handler) {
        const db = await getDb();
        await db
          .update(outbox)
          .set({ leaseUntil: null })
          .where(
            inArray(
              outbox.id,
              group.map((r) => r.id),
            ),
          );
        continue;
      }
      try {
        await handler(group.map((r) => r.payload));
        await settle(group, null);
        done += group.length;
      } catch (batchError) {
        if (group.length === 1) {
          await settle(group, batchError);
          continue;
        }
        for (const row of group) {
          try {
            await handler([row.payload]);
            await settle([row], null);
            done++;
          } catch (e) {
            await settle([row], e);
          }
        }
      }
    }
    if (rows.length < BATCH) break;
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
