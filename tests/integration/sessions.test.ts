import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { userSessions } from "@/db/schema";
import { loadSessionViewer } from "@/lib/auth/load-principal";
import { endSessionOfToken, sessionClaimsOf, tokenOf } from "@/lib/auth/session-token";
import { SESSION_MAX_AGE_SECONDS, startSession } from "@/lib/auth/sessions";
import { requestPasswordReset, resetPassword } from "@/lib/accounts/service";
import { createUser, tokenFromMail } from "../support/fixtures";

beforeAll(async () => {
  await getDb(); // migrate PGlite here, not inside the first test's time
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the next request would see for a cookie whose token was built at sign-in. */
async function viewerOfToken(token: ReturnType<typeof tokenOf>) {
  // Auth.js passes the token through `jwt` again on every use, then through `session`.
  return loadSessionViewer(await getDb(), sessionClaimsOf(tokenOf(token)));
}

async function signInToken(userId: string, sessionVersion: number) {
  const sessionId = await startSession(await getDb(), userId);
  return tokenOf({}, { id: userId, sessionVersion, sessionId });
}

describe("[AUTH] sessions", () => {
  it("the token names its session; signing out ends that one, the other device stays signed in", async () => {
    const user = await createUser();
    const laptop = await signInToken(user.id, user.sessionVersion);
    const phone = await signInToken(user.id, user.sessionVersion);
    expect(laptop.sid).toEqual(expect.any(String));
    expect(laptop.sid).not.toBe(phone.sid);
    expect((await viewerOfToken(laptop))?.userId).toBe(user.id);
    expect((await viewerOfToken(phone))?.userId).toBe(user.id);

    // Auth.js's signOut event with the laptop's decoded token.
    await endSessionOfToken(laptop);

    // A copy of the laptop's cookie is refused from now on…
    expect(await viewerOfToken(laptop)).toBeNull();
    // …while the phone goes on.
    expect((await viewerOfToken(phone))?.userId).toBe(user.id);
    const db = await getDb();
    const [ended] = await db
      .select({ endedAt: userSessions.endedAt })
      .from(userSessions)
      .where(eq(userSessions.id, String(laptop.sid)));
    expect(ended?.endedAt).toBeInstanceOf(Date);
  });

  it("refuses a token from before session ids, and a session id that does not exist", async () => {
    const user = await createUser();
    // What the cookie carried before this change: user id and session version only.
    expect(await viewerOfToken({ sub: user.id, sv: user.sessionVersion })).toBeNull();
    expect(
      await viewerOfToken({
        sub: user.id,
        sv: user.sessionVersion,
        sid: "7f1c8a52-2d2e-4a52-9a5e-0c2f1d3b4a61",
      }),
    ).toBeNull();
    expect(
      await viewerOfToken({ sub: user.id, sv: user.sessionVersion, sid: "not-a-uuid" }),
    ).toBeNull();
    expect(await loadSessionViewer(await getDb(), null)).toBeNull();
  });

  it("a session belongs to its person: another person's session id does not sign anyone in", async () => {
    const ann = await createUser();
    const bob = await createUser();
    const annToken = await signInToken(ann.id, ann.sessionVersion);
    expect(await viewerOfToken({ ...annToken, sub: bob.id, sv: bob.sessionVersion })).toBeNull();
    // …nor can Bob's sign-out end Ann's session.
    await endSessionOfToken({ sub: bob.id, sid: annToken.sid });
    expect((await viewerOfToken(annToken))?.userId).toBe(ann.id);
  });

  it("a session ends on its own after the maximum age, however often it is used", async () => {
    const user = await createUser();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-28T08:00:00Z") });
    const token = await signInToken(user.id, user.sessionVersion);
    vi.setSystemTime(Date.now() + (SESSION_MAX_AGE_SECONDS - 60) * 1000);
    expect((await viewerOfToken(token))?.userId).toBe(user.id);
    vi.setSystemTime(Date.now() + 120 * 1000);
    expect(await viewerOfToken(token)).toBeNull();
  });

  it("a password reset still ends every session (the session version moves on)", async () => {
    const user = await createUser();
    const token = await signInToken(user.id, user.sessionVersion);
    await requestPasswordReset({ email: user.email }, "en");
    const reset = await tokenFromMail(user.email, /\/reset-password\/([\w-]+)/);
    await resetPassword({
      token: reset,
      password: "brand new secret",
      confirm: "brand new secret",
    });
    expect(await viewerOfToken(token)).toBeNull();
  });

  it("a new sign-in sweeps the person's ended and expired session rows", async () => {
    const user = await createUser();
    const old = await signInToken(user.id, user.sessionVersion);
    await endSessionOfToken(old);
    const live = await signInToken(user.id, user.sessionVersion);
    const db = await getDb();
    const rows = await db
      .select({ id: userSessions.id })
      .from(userSessions)
      .where(eq(userSessions.userId, user.id));
    expect(rows.map((r) => r.id)).toEqual([live.sid]);
  });
});
