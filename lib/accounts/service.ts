import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { emailTokens, users } from "@/db/schema";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { addSeconds, now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { checkRateLimit } from "@/lib/api/rate-limit";
import { parseInput } from "@/lib/validation";
import { hashPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { clearFailures } from "@/lib/auth/throttle";
import { sendMail } from "@/lib/mail";
import { isLocale, type Locale } from "@/i18n/routing";
import {
  localeSchema,
  requestResetSchema,
  resetPasswordSchema,
  signUpSchema,
  tokenSchema,
} from "./schemas";

const VERIFY_TTL_SECONDS = 24 * 60 * 60;
const RESET_TTL_SECONDS = 60 * 60;

export function appUrl(locale: Locale, pathAndQuery: string): string {
  return `${getEnv().PUBLIC_BASE_URL.replace(/\/$/, "")}/${locale}${pathAndQuery}`;
}

const userLocale = (l: string): Locale => (isLocale(l) ? l : "zh-CN");

// At most this many account mails per address and hour, so nobody can flood a mailbox through
// sign-up or reset. Over the limit the mail is skipped silently: the answer never changes.
const MAILS_PER_HOUR = 5;

async function mayMail(email: string): Promise<boolean> {
  try {
    await checkRateLimit(`mail:${email}`, { limit: MAILS_PER_HOUR, windowSeconds: 3600 });
    return true;
  } catch (e) {
    if (isAppError(e) && e.code === "RATE_LIMITED") return false;
    throw e;
  }
}

async function issueToken(
  tx: DbOrTx,
  userId: string,
  purpose: "verify_email" | "reset_password",
  ttlSeconds: number,
): Promise<string> {
  const { token, tokenHash } = newToken();
  await tx
    .insert(emailTokens)
    .values({ userId, purpose, tokenHash, expiresAt: addSeconds(now(), ttlSeconds) });
  return token;
}

/**
 * Create an account and mail a verification link. An address that already has an account gets
 * a different mail and the caller the very same answer, so sign-up reveals nothing.
 */
export async function signUp(input: unknown, locale: Locale): Promise<void> {
  const { name, email, password } = parseInput(signUpSchema, input);
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const allowed = await mayMail(email);
  // The account, its token and its mail commit together (a rollback mails nothing).
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name, passwordHash, locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (user) {
      await ensureLearningAccount(tx, user.id);
      const token = await issueToken(tx, user.id, "verify_email", VERIFY_TTL_SECONDS);
      const link = appUrl(locale, `/verify-email?token=${token}`);
      if (allowed) await sendMail(tx, email, locale, { kind: "verify_email", name, link });
      return;
    }
    const [existing] = await tx
      .select({ name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.email, email));
    if (!existing || !allowed) return;
    const l = userLocale(existing.locale);
    await sendMail(tx, email, l, {
      kind: "signup_existing",
      name: existing.name,
      signInLink: appUrl(l, "/sign-in"),
      resetLink: appUrl(l, "/reset-password"),
    });
  });
}

/** Send a fresh verification link to a signed-in person whose address is not yet verified. */
export async function resendVerification(userId: string): Promise<void> {
  const db = await getDb();
  const [user] = await db
    .select({
      email: users.email,
      name: users.name,
      locale: users.locale,
      verified: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.verified || !(await mayMail(user.email))) return;
  const l = userLocale(user.locale);
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, userId, "verify_email", VERIFY_TTL_SECONDS);
    await sendMail(tx, user.email, l, {
      kind: "verify_email",
      name: user.name,
      link: appUrl(l, `/verify-email?token=${token}`),
    });
  });
}

/** Use a single-use token; the row lock makes two concurrent uses count once. */
async function consumeToken(
  tx: DbOrTx,
  rawToken: unknown,
  purpose: "verify_email" | "reset_password",
): Promise<string> {
  const token = parseInput(tokenSchema, rawToken);
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: now() })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now()),
      ),
    )
    .returning({ userId: emailTokens.userId });
  if (!row) {
    throw new AppError("BAD_REQUEST", "invalid_token", "This link is invalid, used or expired");
  }
  return row.userId;
}

// The first verification time stays; otherwise the application's clock (lib/clock), passed as a
// parameter: SQL's now() would be the transaction's start on the database's clock.
const verifiedAtOr = (at: Date) =>
  sql`coalesce(${users.emailVerifiedAt}, ${at.toISOString()}::timestamptz)`;

export async function verifyEmail(rawToken: unknown): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const userId = await consumeToken(tx, rawToken, "verify_email");
    await tx
      .update(users)
      .set({ emailVerifiedAt: verifiedAtOr(now()), updatedAt: now() })
      .where(eq(users.id, userId));
  });
}

/**
 * Always answers the same, and does the same work whether the address has an account or not,
 * so the answer's timing reveals nothing either: the same mail limit, a token made and hashed,
 * the same token insert (for an unknown address it finds no person and stores nothing), and
 * one mail — the reset link, or word that no account uses this address.
 */
export async function requestPasswordReset(input: unknown, locale: Locale): Promise<void> {
  const { email } = parseInput(requestResetSchema, input);
  const db = await getDb();
  const [user] = await db
    .select({ name: users.name, locale: users.locale })
    .from(users)
    .where(eq(users.email, email));
  if (!(await mayMail(email))) return;
  const { token, tokenHash } = newToken();
  const at = now();
  // The token, when the address has an account, and the mail commit together.
  await db.transaction(async (tx) => {
    const [issued] = await tx
      .insert(emailTokens)
      .select(
        tx
          .select({
            id: sql`gen_random_uuid()`.as("id"),
            userId: users.id,
            purpose: sql`'reset_password'`.as("purpose"),
            tokenHash: sql`${tokenHash}`.as("token_hash"),
            expiresAt: sql`${addSeconds(at, RESET_TTL_SECONDS).toISOString()}::timestamptz`.as(
              "expires_at",
            ),
            usedAt: sql`null`.as("used_at"),
            createdAt: sql`${at.toISOString()}::timestamptz`.as("created_at"),
          })
          .from(users)
          .where(eq(users.email, email)),
      )
      .returning({ userId: emailTokens.userId });
    const l = user ? userLocale(user.locale) : locale;
    await sendMail(
      tx,
      email,
      l,
      user && issued
        ? { kind: "reset_password", name: user.name, link: appUrl(l, `/reset-password/${token}`) }
        : { kind: "reset_unknown", email, signUpLink: appUrl(l, "/sign-up") },
    );
  });
}

/** Set a new password; every existing session ends (the session version moves on). */
export async function resetPassword(input: unknown): Promise<void> {
  const { token, password } = parseInput(resetPasswordSchema, input);
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "reset_password");
    const [user] = await tx
      .update(users)
      .set({
        passwordHash,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        // The link reached the mailbox, which proves the address too.
        emailVerifiedAt: verifiedAtOr(now()),
        updatedAt: now(),
      })
      .where(eq(users.id, userId))
      .returning({ email: users.email });
    await tx
      .update(emailTokens)
      .set({ usedAt: now() })
      .where(
        and(
          eq(emailTokens.userId, userId),
          eq(emailTokens.purpose, "reset_password"),
          isNull(emailTokens.usedAt),
        ),
      );
    if (user) await clearFailures(tx, user.email);
  });
}

export async function setPreferredLocale(userId: string, locale: unknown): Promise<void> {
  const l = parseInput(localeSchema, locale);
  const db = await getDb();
  await db.update(users).set({ locale: l, updatedAt: now() }).where(eq(users.id, userId));
}
