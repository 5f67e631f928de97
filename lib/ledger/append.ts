import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { learningAccounts, ledgerEntries, type LedgerEntryRow } from "@/db/schema";
import { lockRows } from "@/lib/db/lock-order";
import { now } from "@/lib/clock";
import { entryHash, GENESIS_HASH, HASH_VERSION, type HashedEntry } from "./hash";

/** What a writer supplies; the chain fields (id, seq, prevHash, createdAt, hash) are ours. */
export type NewEntry = Pick<HashedEntry, "kind" | "creditsX100"> &
  Partial<
    Omit<
      HashedEntry,
      "id" | "accountId" | "seq" | "prevHash" | "hashVersion" | "createdAt" | "kind" | "creditsX100"
    >
  >;

const nfc = (s: string | null | undefined) => (s == null ? null : s.normalize("NFC"));

/**
 * Append one entry to an account's chain. Takes the account's lock (the last in the lock order,
 * so callers lock orders and enrolments first), reads the head and links the entry to it. Two
 * writers on one account queue on its lock; writers on different accounts never meet.
 * `UNIQUE(account, seq)` and `UNIQUE(account, prev_hash)` refuse a fork whatever happens.
 */
export async function appendEntry(
  tx: Tx,
  accountId: string,
  entry: NewEntry,
): Promise<LedgerEntryRow> {
  await lockRows(tx, "account", learningAccounts, [accountId]);
  // A statement of its own, after the lock: under READ COMMITTED it sees the head the previous
  // holder committed. (Read in the locking statement itself, the head would come from the
  // snapshot taken before the wait — a fork, which UNIQUE(account, seq) would refuse.)
  const [head] = await tx
    .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(desc(ledgerEntries.seq))
    .limit(1);
  const row: HashedEntry = {
    id: randomUUID(),
    accountId,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS_HASH,
    hashVersion: HASH_VERSION,
    // The application's clock, in milliseconds (a JS Date): the column keeps exactly this.
    createdAt: now(),
    kind: entry.kind,
    creditsX100: entry.creditsX100,
    level: entry.level ?? null,
    fieldCode: entry.fieldCode ?? null,
    sourceInstitutionId: entry.sourceInstitutionId ?? null,
    actingInstitutionId: entry.actingInstitutionId ?? null,
    resourceId: entry.resourceId ?? null,
    resourceVersionId: entry.resourceVersionId ?? null,
    enrolmentId: entry.enrolmentId ?? null,
    completionId: entry.completionId ?? null,
    scoreX100: entry.scoreX100 ?? null,
    completedOn: entry.completedOn ?? null,
    titleZh: nfc(entry.titleZh),
    titleEn: nfc(entry.titleEn),
    targetInstitutionId: entry.targetInstitutionId ?? null,
    targetCourseCode: nfc(entry.targetCourseCode),
    creditCategory: nfc(entry.creditCategory),
    ruleId: entry.ruleId ?? null,
    ruleVersion: entry.ruleVersion ?? null,
    reversesEntryId: entry.reversesEntryId ?? null,
  };
  const full = { ...row, hash: entryHash(row) };
  await tx.insert(ledgerEntries).values(full);
  return full;
}
