import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { selectRows, type Tx } from "@/db";
import { learningAccounts, ledgerEntries, type LedgerEntryRow } from "@/db/schema";
import { insertJsonRows, uuidArray } from "@/lib/db/json-rows";
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
  const [row] = await appendEntries(tx, [{ accountId, entry }]);
  return row!;
}

/**
 * Append several entries (a batch of completions) in three statements: lock every account named,
 * ascending; read their heads; insert the entries, chained in the order given (two entries for
 * one account follow each other). Returns the rows in the order given.
 */
export async function appendEntries(
  tx: Tx,
  items: readonly { accountId: string; entry: NewEntry }[],
): Promise<LedgerEntryRow[]> {
  if (items.length === 0) return [];
  const rows = chainEntries(
    await lockHeads(
      tx,
      items.map((i) => i.accountId),
    ),
    items,
  );
  await insertJsonRows(tx, ledgerEntries, rows);
  return rows;
}

export type Heads = Map<string, { seq: number; hash: string }>;

/** Lock accounts (ascending, the last of the lock order) and read their heads after the lock. */
export async function lockHeads(tx: Tx, accountIds: readonly string[]): Promise<Heads> {
  const ids = [...new Set(accountIds)];
  const locking = lockRows(tx, "account", learningAccounts, ids);
  locking.catch(() => {}); // awaited below; a failure there is the cause of the read's
  // A statement of its own, sent right behind the lock (the connection runs them in order, so it
  // starts once the locks are held): under READ COMMITTED it sees the heads the previous
  // holders committed. (Read in the locking statement itself, a head would come from the
  // snapshot taken before the wait — a fork, which UNIQUE(account, seq) would refuse.)
  const reading = selectRows<{ account_id: string; seq: number; hash: string }>(
    tx,
    sql`select a.id as account_id, h.seq, h.hash
    from unnest(${uuidArray(ids)}) as a(id)
    cross join lateral (
      select seq, hash from ${ledgerEntries} e where e.account_id = a.id order by seq desc limit 1
    ) h`,
  );
  reading.catch(() => {});
  await locking;
  const heads = await reading;
  return new Map(heads.map((h) => [h.account_id, { seq: Number(h.seq), hash: h.hash }]));
}

/**
 * The rows of new entries on locked accounts whose heads are `heads`, chained in the order given
 * (two entries for one account follow each other). Pure; `heads` moves on to the new heads.
 */
export function chainEntries(
  heads: Heads,
  // `id`: one the caller drew beforehand (to name the entry in rows written before the chain).
  items: readonly { accountId: string; entry: NewEntry; id?: string }[],
): LedgerEntryRow[] {
  // The application's clock, in milliseconds (a JS Date): the column keeps exactly this.
  const createdAt = now();
  return items.map(({ accountId, entry, id }) => {
    const row = chained(id ?? randomUUID(), accountId, heads.get(accountId), createdAt, entry);
    const full = { ...row, hash: entryHash(row) };
    heads.set(accountId, { seq: full.seq, hash: full.hash });
    return full;
  });
}

function chained(
  id: string,
  accountId: string,
  head: { seq: number; hash: string } | undefined,
  createdAt: Date,
  entry: NewEntry,
): HashedEntry {
  return {
    id,
    accountId,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS_HASH,
    hashVersion: HASH_VERSION,
    createdAt,
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
}
