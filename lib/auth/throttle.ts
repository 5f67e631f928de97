import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { signInThrottles } from "@/db/schema";
import { addSeconds } from "@/lib/clock";

/** Failures allowed before any delay; then 1 s, 2 s, 4 s … up to the cap. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
// A quiet day forgets old failures.
const FORGET_AFTER_SECONDS = 24 * 60 * 60;

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export function throttleKeys(email: string, clientAddress: string | null): string[] {
  return clientAddress ? [`email:${email}`, `ip:${clientAddress}`] : [`email:${email}`];
}

/** Seconds the caller must still wait, or 0. Never disables anything: it only delays. */
export async function secondsUntilAllowed(db: DbOrTx, keys: string[], at: Date): Promise<number> {
  const rows = await db
    .select({ blockedUntil: signInThrottles.blockedUntil })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, keys));
  let wait = 0;
  for (const r of rows) {
    if (r.blockedUntil && r.blockedUntil > at) {
      wait = Math.max(wait, Math.ceil((r.blockedUntil.getTime() - at.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailure(db: DbOrTx, keys: string[], at: Date): Promise<void> {
  const forgetBefore = addSeconds(at, -FORGET_AFTER_SECONDS);
  for (const key of keys) {
    // One statement per key, so concurrent failures from several instances all count.
    const [row] = await db
      .insert(signInThrottles)
      .values({ key, failures: 1, lastFailureAt: at })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: {
          failures: sql`case when ${signInThrottles.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${signInThrottles.failures} + 1 end`,
          lastFailureAt: at,
        },
      })
      .returning({ failures: signInThrottles.failures });
    const delay = delayAfter(row?.failures ?? 1);
    if (delay > 0) {
      await db
        .update(signInThrottles)
        .set({ blockedUntil: addSeconds(at, delay) })
        .where(sql`${signInThrottles.key} = ${key}`);
    }
  }
}

/** A correct password clears the address's own count; the per-client count decays by itself. */
export async function clearFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(signInThrottles).where(inArray(signInThrottles.key, [`email:${email}`]));
}
