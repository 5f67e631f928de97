import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { now } from "@/lib/clock";
import { emailSchema } from "./email";
import { verifyPassword, PASSWORD_MAX } from "./password";
import { clearFailures, countAttempt, throttleKeys, undoAttempt } from "./throttle";

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(PASSWORD_MAX),
});

export type AuthenticateResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Check an e-mail and password under the sign-in throttle. While a delay runs the password is
 * not even checked, so guessing gains nothing; the account itself is never disabled by this.
 *
 * The attempt is counted as a failure before the check and given back on success, so no
 * transaction or row lock is held across argon2 (tens of milliseconds that would pin one of the
 * pool's connections, or PGlite's only one), yet parallel guesses each see the ones before them.
 */
export async function authenticate(
  input: unknown,
  clientAddress: string | null,
): Promise<AuthenticateResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const db = await getDb();
  const at = now();
  const keys = throttleKeys(email, clientAddress);
  const verdict = await countAttempt(db, keys, at);
  if (!verdict.allowed) {
    return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  }

  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(eq(users.email, email));
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  // A failure was counted already.
  if (!user || !passwordOk) return { ok: false, reason: "invalid" };
  // Said only to someone who knows the password, so it reveals nothing to a guesser.
  if (user.isDisabled) {
    await undoAttempt(db, keys, at);
    return { ok: false, reason: "disabled" };
  }
  await db.transaction(async (tx) => {
    await clearFailures(tx, email);
    // The per-client count keeps earlier failures (it decays by itself); only this one goes.
    await undoAttempt(
      tx,
      keys.filter((k) => !k.startsWith("email:")),
      at,
    );
  });
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
