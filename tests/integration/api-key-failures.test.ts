import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { rateLimits } from "@/db/schema";
import { GET as getMe } from "@/app/api/v1/me/route";
import { FAILED_KEY_LIMITS } from "@/lib/api/failed-key-limit";
import { windowOf } from "@/lib/api/rate-limit";
import { resetEnvCache } from "@/lib/env";
import { apiRequest, institutionWithOwner, issueApiKey } from "../support/api-fixtures";

// Well formed (so it is looked up), but no such key exists.
const WRONG_KEY = `cbx_0badc0de_${"A".repeat(43)}`;
const savedHops = process.env.TRUSTED_PROXY_HOPS;

function setTrustedHops(hops: number | undefined) {
  if (hops === undefined) delete process.env.TRUSTED_PROXY_HOPS;
  else process.env.TRUSTED_PROXY_HOPS = String(hops);
  resetEnvCache();
}

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  vi.useRealTimers();
  setTrustedHops(savedHops === undefined ? undefined : Number(savedHops));
});

afterAll(() => {
  setTrustedHops(savedHops === undefined ? undefined : Number(savedHops));
});

const meWith = (key: string | undefined, forwardedFor?: string) =>
  getMe(
    apiRequest("/api/v1/me", {
      key,
      headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    }),
  );

const randomAddress = () =>
  `203.0.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

describe("[API] requests with a wrong API key are rate limited", () => {
  it("per client address behind a trusted proxy: 401 up to the limit, then 429 with Retry-After", async () => {
    setTrustedHops(1);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T08:00:20Z") });
    const address = randomAddress();
    const { limit } = FAILED_KEY_LIMITS.perAddress;
    for (let i = 0; i < limit; i++) {
      const res = await meWith(WRONG_KEY, `6.6.6.6, ${address}`);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await meWith(WRONG_KEY, `7.7.7.7, ${address}`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("40");
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");

    // Another client is not affected; the forged left-hand entry did not matter either.
    expect((await meWith(WRONG_KEY, `6.6.6.6, ${randomAddress()}`)).status).toBe(401);
    // A valid key from the limited address still works: only guesses are limited.
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    expect((await meWith(key.key, address)).status).toBe(200);
    // A missing key guesses nothing and is not counted.
    expect((await meWith(undefined, address)).status).toBe(401);
    // The next minute starts afresh.
    vi.setSystemTime(new Date("2026-12-02T08:01:00Z"));
    expect((await meWith(WRONG_KEY, address)).status).toBe(401);
  });

  it("globally, whatever address a client claims: the cap on failed attempts per minute holds", async () => {
    setTrustedHops(0); // no trusted proxy: X-Forwarded-For is the client's own word
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T09:00:45Z") });
    const { limit, windowSeconds } = FAILED_KEY_LIMITS.global;
    const db = await getDb();
    // The minute's failures so far, just below the cap.
    await db.insert(rateLimits).values({
      key: "api_key_failed:all",
      windowStart: windowOf(new Date(), windowSeconds).start,
      count: limit - 1,
    });
    expect((await meWith(WRONG_KEY, randomAddress())).status).toBe(401);
    const refused = await meWith(WRONG_KEY, randomAddress());
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("15");
    // Valid keys are never held back by others' failures.
    const { institution } = await institutionWithOwner();
    const key = await issueApiKey(institution.slug);
    expect((await meWith(key.key, randomAddress())).status).toBe(200);
  });

  it("counts concurrent wrong keys exactly", async () => {
    setTrustedHops(1);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-02T10:00:00Z") });
    const address = randomAddress();
    const { limit } = FAILED_KEY_LIMITS.perAddress;
    const statuses = await Promise.all(
      Array.from({ length: limit + 5 }, () => meWith(WRONG_KEY, address).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });
});
