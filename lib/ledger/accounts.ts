import { eq, sql } from "drizzle-orm";
import { TZDate } from "@date-fns/tz";
import type { DbOrTx } from "@/db";
import { anyUuid } from "@/lib/db/json-rows";
import { learningAccountCounters, learningAccounts } from "@/db/schema";
import { now } from "@/lib/clock";
import { readAllianceTimeZone } from "@/lib/time";
import { formatAccountNumber } from "./account-number";

export type LearningAccount = typeof learningAccounts.$inferSelect;

/**
 * The learner's learning account, opened now if they have none (sign-up opens it; people who
 * came before the ledger, and seeded ones, get theirs on first use). The number's year is the
 * alliance's calendar year; its sequence comes from that year's counter row, whose lock is held
 * only by account openings. A lost race (two openings for one person) burns a number, never
 * opens two accounts: `user_id` is unique.
 */
export async function ensureLearningAccount(tx: DbOrTx, userId: string): Promise<LearningAccount> {
  const [existing] = await tx
    .select()
    .from(learningAccounts)
    .where(eq(learningAccounts.userId, userId));
  if (existing) return existing;
  const year = new TZDate(now(), await readAllianceTimeZone(tx)).getFullYear();
  const [counter] = await tx
    .insert(learningAccountCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: learningAccountCounters.year,
      set: { last: sql`${learningAccountCounters.last} + 1` },
    })
    .returning({ last: learningAccountCounters.last });
  const [created] = await tx
    .insert(learningAccounts)
    .values({ userId, number: formatAccountNumber(year, counter!.last), createdAt: now() })
    .onConflictDoNothing({ target: learningAccounts.userId })
    .returning();
  if (created) return created;
  const [raced] = await tx
    .select()
    .from(learningAccounts)
    .where(eq(learningAccounts.userId, userId));
  return raced!;
}

/** `ensureLearningAccount` for several learners: one query when all have accounts (the rule). */
export async function ensureLearningAccounts(
  tx: DbOrTx,
  userIds: readonly string[],
): Promise<Map<string, LearningAccount>> {
  const unique = [...new Set(userIds)];
  const found = unique.length
    ? await tx.select().from(learningAccounts).where(anyUuid(learningAccounts.userId, unique))
    : [];
  const byUser = new Map(found.map((a) => [a.userId, a]));
  for (const userId of unique.filter((u) => !byUser.has(u)).sort()) {
    byUser.set(userId, await ensureLearningAccount(tx, userId));
  }
  return byUser;
}
