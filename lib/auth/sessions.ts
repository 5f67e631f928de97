import { and, eq, gt, isNotNull, isNull, lte, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { userSessions } from "@/db/schema";
import { addSeconds, now } from "@/lib/clock";

/**
 * How long one sign-in lasts, counted from the sign-in: the cookie is renewed while in use, the
 * session row is not (renewing it would turn every request into a write).
 */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What a session token must carry; a token without a session id predates them and is refused. */
export const sessionClaimsSchema = z.object({
  userId: z.uuid(),
  sessionVersion: z.number().int(),
  sessionId: z.uuid(),
});

export type SessionClaims = z.infer<typeof sessionClaimsSchema>;

/** Record a sign-in; its id goes into the token. Also drops the person's dead session rows. */
export async function startSession(db: DbOrTx, userId: string): Promise<string> {
  const at = now();
  return db.transaction(async (tx) => {
    await tx
      .delete(userSessions)
      .where(
        and(
          eq(userSessions.userId, userId),
          or(isNotNull(userSessions.endedAt), lte(userSessions.expiresAt, at)),
        ),
      );
    const [row] = await tx
      .insert(userSessions)
      .values({ userId, createdAt: at, expiresAt: addSeconds(at, SESSION_MAX_AGE_SECONDS) })
      .returning({ id: userSessions.id });
    return row!.id;
  });
}

/**
 * End one session (sign-out): its token is refused from the next request on, wherever a copy
 * of it is, while the person's other sessions go on. Anything malformed ends nothing.
 */
export async function endSession(db: DbOrTx, sessionId: unknown, userId: unknown): Promise<void> {
  const ids = z.object({ sessionId: z.uuid(), userId: z.uuid() }).safeParse({ sessionId, userId });
  if (!ids.success) return;
  await db
    .update(userSessions)
    .set({ endedAt: now() })
    .where(
      and(
        eq(userSessions.id, ids.data.sessionId),
        eq(userSessions.userId, ids.data.userId),
        isNull(userSessions.endedAt),
      ),
    );
}

/** True while the session exists, belongs to this person, is not ended and not expired. */
export async function isSessionLive(db: DbOrTx, claims: SessionClaims): Promise<boolean> {
  const [row] = await db
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, claims.sessionId),
        eq(userSessions.userId, claims.userId),
        isNull(userSessions.endedAt),
        gt(userSessions.expiresAt, now()),
      ),
    );
  return row !== undefined;
}
