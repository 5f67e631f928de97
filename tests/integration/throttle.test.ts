import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { signInThrottles, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { FREE_FAILURES, MAX_DELAY_SECONDS } from "@/lib/auth/throttle";
import { PASSWORD, createUser } from "../support/fixtures";

beforeAll(async () => {
  await getDb(); // migrate PGlite here, not inside the first test's time
});

async function failuresOf(...keys: string[]): Promise<Record<string, number>> {
  const db = await getDb();
  const rows = await db
    .select({ key: signInThrottles.key, failures: signInThrottles.failures })
    .from(signInThrottles)
    .where(inArray(signInThrottles.key, keys));
  return Object.fromEntries(rows.map((r) => [r.key, r.failures]));
}

const uniqueAddress = () =>
  `198.18.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;

afterEach(() => {
  vi.useRealTimers();
});

describe("[AUTH] sign-in throttle", () => {
  it("30 wrong passwords in a row delay sign-in but never lock the owner out", async () => {
    const user = await createUser();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T08:00:00Z") });
    let failures = 0;
    let throttledAnswers = 0;
    let longestWait = 0;
    while (failures < 30) {
      const r = await authenticate({ email: user.email, password: `wrong-${failures}` }, null);
      if (!r.ok && r.reason === "throttled") {
        throttledAnswers++;
        longestWait = Math.max(longestWait, r.retryAfterSeconds);
        vi.setSystemTime(Date.now() + r.retryAfterSeconds * 1000);
        continue;
      }
      expect(r).toEqual({ ok: false, reason: "invalid" });
      failures++;
    }
    expect(throttledAnswers).toBeGreaterThan(0);
    expect(longestWait).toBeLessThanOrEqual(MAX_DELAY_SECONDS);

    // While delayed even the right password is not checked…
    const blocked = await authenticate({ email: user.email, password: PASSWORD }, null);
    expect(blocked.ok).toBe(false);
    if (blocked.ok || blocked.reason !== "throttled") throw new Error("expected a delay");
    // …and once the delay has passed it works: the account was never disabled.
    vi.setSystemTime(Date.now() + blocked.retryAfterSeconds * 1000);
    const ok = await authenticate({ email: user.email, password: PASSWORD }, null);
    expect(ok.ok).toBe(true);
    const db = await getDb();
    const [row] = await db
      .select({ isDisabled: users.isDisabled })
      .from(users)
      .where(eq(users.id, user.id));
    expect(row?.isDisabled).toBe(false);
    // success clears the address's count: the next mistake is not delayed
    expect(await authenticate({ email: user.email, password: "oops" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate({ email: user.email, password: PASSWORD }, null)).toMatchObject({
      ok: true,
    });
  });

  it("counts failures per client address across different accounts", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T09:00:00Z") });
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const victims = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    for (const v of victims.slice(0, 5)) {
      expect(await authenticate({ email: v.email, password: "guess" }, address)).toEqual({
        ok: false,
        reason: "invalid",
      });
    }
    // the sixth account has no failures of its own, but this client is now delayed
    const r = await authenticate({ email: victims[5]!.email, password: PASSWORD }, address);
    expect(r).toMatchObject({ ok: false, reason: "throttled" });
    // the same account from another client is not affected
    expect(
      await authenticate({ email: victims[5]!.email, password: PASSWORD }, "198.51.100.7"),
    ).toMatchObject({ ok: true });
  });

  it("an unknown address is throttled like a known one, so probing reveals nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T10:00:00Z") });
    const ghost = "nobody-here@example.test";
    const answers = [];
    for (let i = 0; i < 6; i++)
      answers.push(await authenticate({ email: ghost, password: "x" }, null));
    expect(answers.slice(0, 5).every((a) => !a.ok && a.reason === "invalid")).toBe(true);
    expect(answers[5]).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("malformed input is refused without touching the database's counts", async () => {
    expect(await authenticate({ email: "not an email", password: "x" }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate({ email: ["a@b.c"], password: 5 }, null)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(null, null)).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("[AUTH] sign-in throttle under concurrency", () => {
  it("parallel guesses each count before any password is checked: only the free ones are checked", async () => {
    const user = await createUser();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T11:00:00Z") });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        authenticate({ email: user.email, password: `guess-${i}` }, null),
      ),
    );
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(FREE_FAILURES);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(
      12 - FREE_FAILURES,
    );
    // Every checked guess counted; the refused ones counted nowhere.
    expect(await failuresOf(`email:${user.email}`)).toEqual({
      [`email:${user.email}`]: FREE_FAILURES,
    });
  });

  it("parallel guesses at many accounts from one client all count on the client's key", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T12:00:00Z") });
    const address = uniqueAddress();
    const victims = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    const answers = await Promise.all(
      victims.map((v) => authenticate({ email: v.email, password: "guess" }, address)),
    );
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(FREE_FAILURES);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(
      10 - FREE_FAILURES,
    );
    expect((await failuresOf(`ip:${address}`))[`ip:${address}`]).toBe(FREE_FAILURES);
    // A refused attempt gave back what it had added to its account's key.
    const emailCounts = await failuresOf(...victims.map((v) => `email:${v.email}`));
    expect(Object.values(emailCounts).reduce((a, b) => a + b, 0)).toBe(FREE_FAILURES);
  });

  it("a right password gives its attempt back: the client's earlier failures stay, the address's go", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T13:00:00Z") });
    const address = uniqueAddress();
    const user = await createUser();
    const other = await createUser();
    await authenticate({ email: user.email, password: "wrong" }, address);
    await authenticate({ email: other.email, password: "wrong" }, address);
    expect(await failuresOf(`ip:${address}`)).toEqual({ [`ip:${address}`]: 2 });

    expect(await authenticate({ email: user.email, password: PASSWORD }, address)).toMatchObject({
      ok: true,
    });
    expect(await failuresOf(`ip:${address}`, `email:${user.email}`)).toEqual({
      [`ip:${address}`]: 2,
    });
  });

  it("a disabled account's right password counts as no failure either", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T14:00:00Z") });
    const address = uniqueAddress();
    const user = await createUser();
    const db = await getDb();
    await db.update(users).set({ isDisabled: true }).where(eq(users.id, user.id));
    await authenticate({ email: user.email, password: "wrong" }, address);
    expect(await authenticate({ email: user.email, password: PASSWORD }, address)).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await failuresOf(`ip:${address}`, `email:${user.email}`)).toEqual({
      [`ip:${address}`]: 1,
      [`email:${user.email}`]: 1,
    });
  });
});
