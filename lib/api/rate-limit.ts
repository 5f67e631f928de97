import { lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { API_RATE_LIMIT } from "./schemas";

export type RateLimit = { limit: number; windowSeconds: number };
export type RateLimitState = { limit: number; remaining: number; resetSeconds: number };

// Longer than any window we use, so pruning never touches a live counter.
const KEEP_WINDOWS_FOR_SECONDS = 60 * 60;

/** The fixed window `at` falls in, and the whole seconds left until it ends (at least 1). */
export function windowOf(at: Date, windowSeconds: number): { start: Date; secondsLeft: number } {
  const size = windowSeconds * 1000;
  const start = Math.floor(at.getTime() / size) * size;
  return {
    start: new Date(start),
    secondsLeft: Math.max(1, Math.ceil((start + size - at.getTime()) / 1000)),
  };
}

/**
 * Count one request against `key` in the current window. One atomic upsert, so concurrent
 * requests on any number of instances are all counted.
 */
export async function countRequest(key: string, rule: RateLimit): Promise<RateLimitState> {
  const at = now();
  const window = windowOf(at, rule.windowSeconds);
  const db = await getDb();
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: window.start, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + 1` },
    })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  // The first request of a window sweeps windows long gone (of every key).
  if (count === 1) {
    await db
      .delete(rateLimits)
      .where(lt(rateLimits.windowStart, new Date(at.getTime() - KEEP_WINDOWS_FOR_SECONDS * 1000)));
  }
  return { limit: rule.limit, remaining: rule.limit - count, resetSeconds: window.secondsLeft };
}

export function rateLimited(rule: RateLimit, retryAfterSeconds: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    "rate_limited",
    `Rate limit of ${rule.limit} requests per ${rule.windowSeconds} s exceeded`,
    { retryAfterSeconds },
  );
}

/** Count one request against `key` and refuse it once the window's limit is passed. */
export async function checkRateLimit(
  key: string,
  rule: RateLimit = { ...API_RATE_LIMIT, limit: getEnv().API_RATE_LIMIT_PER_MINUTE },
): Promise<RateLimitState> {
  const state = await countRequest(key, rule);
  if (state.remaining < 0) throw rateLimited(rule, state.resetSeconds);
  return state;
}
