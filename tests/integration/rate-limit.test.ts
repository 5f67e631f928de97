import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { API_RATE_LIMIT } from "@/lib/api/schemas";
import { appErrorOf } from "../support/api-fixtures";

afterEach(() => {
  vi.useRealTimers();
});

const uniqueKey = () => `test:${randomUUID()}`;

async function rowsOf(key: string) {
  const db = await getDb();
  return db.select().from(rateLimits).where(eq(rateLimits.key, key));
}

describe("[API] rate limit", () => {
  it(`allows ${API_RATE_LIMIT.limit} requests a minute per key, then 429 until the window ends`, async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T08:00:15Z") });
    const key = uniqueKey();
    for (let i = 1; i <= API_RATE_LIMIT.limit; i++) {
      const state = await checkRateLimit(key);
      expect(state.remaining).toBe(API_RATE_LIMIT.limit - i);
    }
    const refused = await appErrorOf(checkRateLimit(key));
    expect(refused).toMatchObject({
      code: "RATE_LIMITED",
      reason: "rate_limited",
      retryAfterSeconds: 45,
    });
    vi.setSystemTime(new Date("2026-12-01T08:00:59.500Z"));
    expect((await appErrorOf(checkRateLimit(key))).retryAfterSeconds).toBe(1);

    // Another key has its own count.
    await expect(checkRateLimit(uniqueKey())).resolves.toMatchObject({ remaining: 119 });
    // The next window starts afresh.
    vi.setSystemTime(new Date("2026-12-01T08:01:00Z"));
    await expect(checkRateLimit(key)).resolves.toMatchObject({
      remaining: API_RATE_LIMIT.limit - 1,
      resetSeconds: 60,
    });
  });

  it("counts concurrent requests exactly (one atomic upsert)", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T09:00:00Z") });
    const key = uniqueKey();
    const rule = { limit: 5, windowSeconds: 60 };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => checkRateLimit(key, rule)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(7);
    expect((await rowsOf(key)).map((r) => r.count)).toEqual([12]);
  });

  it("sweeps windows more than an hour old when a new window opens", async () => {
    const key = uniqueKey();
    const stale = uniqueKey();
    const db = await getDb();
    await db.insert(rateLimits).values([
      { key: stale, windowStart: new Date("2026-12-01T06:00:00Z"), count: 7 },
      { key: stale, windowStart: new Date("2026-12-01T07:30:00Z"), count: 3 },
    ]);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T08:00:10Z") });
    await checkRateLimit(key);
    expect((await rowsOf(stale)).map((r) => r.count)).toEqual([3]);
    expect(await rowsOf(key)).toEqual([
      { key, windowStart: new Date("2026-12-01T08:00:00Z"), count: 1 },
    ]);
  });
});
