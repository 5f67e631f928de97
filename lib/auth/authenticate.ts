import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { signInThrottles, users } from "@/db/schema";
import { now } from "@/lib/clock";
import { emailSchema } from "./email";
import { verifyPassword, PASSWORD_MAX } from "./password";
import { clearFailures, recordFailure, secondsUntilAllowed, throttleKeys } from "./throttle";

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
  const keys = throttleKeys(email, clientAddress).sort();
  // One transaction holding the throttle rows' locks across the password check: parallel
  // guesses for one address (or client) are taken one at a time, each seeing the last count.
  return db.transaction(async (tx): Promise<AuthenticateResult> => {
    await tx
      .insert(signInThrottles)
      .values(keys.map((key) => ({ key, failures: 0, lastFailureAt: at })))
      .onConflictDoNothing();
    await tx
      .select({ key: signInThrottles.key })
      .from(signInThrottles)
      .where(inArray(signInThrottles.key, keys))
      .for("update");
    const wait = await secondsUntilAllowed(tx, keys, at);
    if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };

    const [user] = await tx
      .select({
        id: users.id,
        passwordHash: users.passwordHash,
        sessionVersion: users.sessionVersion,
        isDisabled: users.isDisabled,
      })
      .from(users)
      .where(eq(users.email, email));
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !passwordOk) {
      await recordFailure(tx, keys, at);
      return { ok: false, reason: "invalid" };
    }
    // Said only to someone who knows the password, so it reveals nothing to a guesser.
    if (user.isDisabled) return { ok: false, reason: "disabled" };
    await clearFailures(tx, email);
    return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
  });
}

/**
 * The client's address, only from a proxy we trust: Next.js fills X-Forwarded-For from the
 * socket only when the client sent none, so without a trusted proxy the header is the client's
 * own word and per-address throttling is off (per-address keys would be forgeable).
 */
export function clientAddressFrom(headers: Headers, trustedHops: number): string | null {
  if (trustedHops < 1) return null;
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - trustedHops] ?? null;
}
