import { randomUUID } from "node:crypto";
import { and, eq, gt, gte, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { ledgerCheckpoints, ledgerEntries, type LedgerEntryRow } from "@/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { entryHash } from "@/lib/ledger/hash";
import { createUser } from "./fixtures";

/** A learner's learning account, opened as sign-up would. */
export async function learnerAccount() {
  const user = await createUser();
  return (await getDb()).transaction((tx) => ensureLearningAccount(tx, user.id));
}

/** `count` entries on one account, each in its own transaction as real writers do. */
export async function deposit(accountId: string, count: number): Promise<LedgerEntryRow[]> {
  const db = await getDb();
  const rows: LedgerEntryRow[] = [];
  for (let i = 0; i < count; i++) {
    rows.push(
      await db.transaction((tx) =>
        appendEntry(tx, accountId, {
          kind: "deposit",
          creditsX100: 100 * (i + 1),
          level: 5,
          fieldCode: "061",
          sourceInstitutionId: randomUUID(),
          resourceId: randomUUID(),
          completionId: randomUUID(),
          scoreX100: 8000 + i,
          completedOn: "2026-01-15",
          titleZh: `课程 ${i + 1}`,
          titleEn: `Course ${i + 1}`,
        }),
      ),
    );
  }
  return rows;
}

export const entriesOf = async (accountId: string) =>
  (await getDb())
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, accountId))
    .orderBy(ledgerEntries.seq);

/**
 * Tamper with the ledger as someone with database rights would: the append-only triggers are
 * off only inside this transaction, so a failing test never leaves them disabled.
 */
export async function asTamperer(work: (tx: Tx) => Promise<void>): Promise<void> {
  await (
    await getDb()
  ).transaction(async (tx) => {
    await tx.execute(sql`alter table ledger_entries disable trigger user`);
    await work(tx);
    await tx.execute(sql`alter table ledger_entries enable trigger user`);
  });
}

/** Put rows back exactly as they were (PostgreSQL runs share one database between files). */
export async function restoreRows(rows: LedgerEntryRow[]): Promise<void> {
  await asTamperer(async (tx) => {
    for (const r of rows) {
      await tx
        .delete(ledgerEntries)
        .where(and(eq(ledgerEntries.accountId, r.accountId), eq(ledgerEntries.seq, r.seq)));
    }
    // Deleted before re-inserted: UNIQUE(account, prev_hash) holds at every statement.
    for (const r of rows) await tx.insert(ledgerEntries).values(r);
  });
}

/**
 * Rewrite an account's chain from `fromSeq` on with a changed title, every hash and link
 * recomputed: self-consistent, as a forger with database rights would leave it.
 */
export async function recomputeChainFrom(accountId: string, fromSeq: number): Promise<void> {
  const rows = (await entriesOf(accountId)).filter((r) => r.seq >= fromSeq);
  const before = (await entriesOf(accountId)).find((r) => r.seq === fromSeq - 1);
  await asTamperer(async (tx) => {
    let prev = before!.hash;
    for (const r of rows) {
      const forged = { ...r, prevHash: prev, titleEn: `${r.titleEn} (forged)` };
      forged.hash = entryHash(forged);
      await tx
        .update(ledgerEntries)
        .set({ prevHash: forged.prevHash, titleEn: forged.titleEn, hash: forged.hash })
        .where(eq(ledgerEntries.id, r.id));
      prev = forged.hash;
    }
  });
}

/** The highest checkpoint number now (0 when none). */
export async function lastCheckpointNumber(): Promise<number> {
  const [row] = await (
    await getDb()
  )
    .select({ n: sql<number>`coalesce(max(${ledgerCheckpoints.number}), 0)::int` })
    .from(ledgerCheckpoints);
  return Number(row!.n);
}

/** Drop the checkpoints a test file wrote, so later files on a shared database start clean. */
export async function dropCheckpointsAfter(number: number): Promise<void> {
  await (await getDb()).delete(ledgerCheckpoints).where(gt(ledgerCheckpoints.number, number));
}

export const checkpointsFrom = async (number: number) =>
  (await getDb())
    .select()
    .from(ledgerCheckpoints)
    .where(gte(ledgerCheckpoints.number, number))
    .orderBy(ledgerCheckpoints.number);
