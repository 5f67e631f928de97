import { asc, eq, ilike, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";

export const findAccountsSchema = z.object({ q: z.string().trim().max(254).default("") });

export const setAccountDisabledSchema = z.object({
  userId: z.uuid(),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Accounts whose address contains the query, for the alliance admin. */
export async function findAccounts(viewer: Viewer, input: unknown) {
  if (!canOnPlatform(viewer, "accounts:manage")) throw forbidden();
  const { q } = parseInput(findAccountsSchema, input);
  const db = await getDb();
  const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      isDisabled: users.isDisabled,
      verified: sql<boolean>`${users.emailVerifiedAt} is not null`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(ilike(users.email, pattern))
    .orderBy(asc(users.email))
    .limit(50);
}

/**
 * Disable or re-enable an account. Disabling moves the session version on, so the person is
 * signed out at their next request; nobody can disable their own account.
 */
export async function setAccountDisabled(viewer: Viewer, input: unknown): Promise<void> {
  if (!canOnPlatform(viewer, "accounts:manage")) throw forbidden();
  const { userId, disabled } = parseInput(setAccountDisabledSchema, input);
  if (userId === viewer.userId) {
    throw new AppError("CONFLICT", "cannot_disable_self", "You cannot disable your own account");
  }
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ isDisabled: users.isDisabled })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!before) throw notFound("Account not found");
    if (before.isDisabled === disabled) return;
    await tx
      .update(users)
      .set({
        isDisabled: disabled,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        updatedAt: now(),
      })
      .where(eq(users.id, userId));
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: disabled ? "account.disable" : "account.enable",
      targetType: "user",
      targetId: userId,
      before: { isDisabled: before.isDisabled },
      after: { isDisabled: disabled },
    });
  });
}
