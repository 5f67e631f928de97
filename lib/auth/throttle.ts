import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { signInThrottles } from "@/db/schema";
import { addSeconds } from "@/lib/clock";

/** Failures allowed before any delay; then 1 s, 2 s, 4 s … up to the cap. */
export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
// A quiet day forgets old failures.
const FORGET_AFTER_SECONDS = 24 * 60 * 60;
// 2^10 s already exceeds the cap; clamping the exponent keeps SQL's power() from overflowing.
const MAX_EXPONENT = Math.ceil(Math.log2(MAX_DELAY_SECONDS));

export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export function throttleKeys(email: string, clientAddress: string | null): string[] {
  return clientAddress ? [`email:${email}`, `ip:${clientAddress}`] : [`email:${email}`];
}

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Count a sign-in attempt on every key as a failure before the password is checked, in one
 * atomic upsert that also sets the delay the new count earns (the SQL twin of `delayAfter`).
 * A key still under a delay is neither counted nor updated (the upsert's WHERE), so it comes
 * back missing and the attempt is refused. Parallel guesses each see the count of the ones
 * before them, without any lock held across the (slow) password check.
 */
export async function countAttempt(db: DbOrTx, keys: string[], at: Date): Promise<AttemptVerdict> {
  const t = signInThrottles;
  const forgetBefore = addSeconds(at, -FORGET_AFTER_SECONDS);
  const failures = sql`(case when ${t.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${t.failures} + 1 end)`;
  const free = sql.raw(String(FREE_FAILURES));
  const blockedUntil = sql`(case when ${failures} >= ${free}
    then ${at.toISOString()}::timestamptz + least(
      power(2::float8, least(${failures} - ${free}, ${sql.raw(String(MAX_EXPONENT))})),
      ${sql.raw(String(MAX_DELAY_SECONDS))}) * interval '1 second'
    else null end)`;
  const firstDelay = delayAfter(1);
  // Sorted, so two attempts on the same keys lock the rows in the same order.
  const rows = await db
    .insert(t)
    .values(
      [...keys].sort().map((key) => ({
        key,
        failures: 1,
        lastFailureAt: at,
        blockedUntil: firstDelay > 0 ? addSeconds(at, firstDelay) : null,
      })),
    )
    .onConflictDoUpdate({
      target: t.key,
      set: { failures, lastFailureAt: at, blockedUntil },
      setWhere: sql`${t.blockedUntil} is null or ${t.blockedUntil} <= ${at.toISOString()}::timestamptz`,
    })
    .returning({ key: t.key });
  const counted = new Set(rows.map((r) => r.key));
  const delayed = keys.filter((k) => !counted.has(k));
  if (delayed.length === 0) return { allowed: true };
  // A refused attempt counts nowhere: give back what this one added to the other keys.
  await undoAttempt(db, [...counted], at);
  const wait = await secondsUntilAllowed(db, delayed, at);
  return { allowed: false, retryAfterSeconds: Math.max(1, wait) };
}

/**
 * Take back an attempt counted by `countAttempt` at `at` (it was not a failure after all). The
 * delay it set goes too, unless a later attempt has counted since; the delay before it had
 * already passed (else the attempt would not have been counted), so dropping it changes nothing.
 */
export async function undoAttempt(db: DbOrTx, keys: string[], at: Date): Promise<void> {
  if (keys.length === 0) return;
  const t = signInThrottles;
  await db
    .update(t)
    .set({
      failures: sql`greatest(${t.failures} - 1, 0)`,
      blockedUntil: sql`case when ${t.lastFailureAt} = ${at.toISOString()}::timestamptz then null else ${t.blockedUntil} end`,
    })
    .where(inArray(t.key, keys));
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

/** A correct password clears the address's own count; the per-client count decays by itself. */
export async function clearFailures(db: DbOrTx, email: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, `email:${email}`));
}
