import { asc, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { ledgerEntries, type LedgerEntryRow } from "@/db/schema";
import { entryHash, GENESIS_HASH, HASH_VERSION } from "./hash";
import type { Recorded } from "./verify-files";

export type EntryProblemKind = "missing" | "altered" | "rewritten" | "broken-link";

export type EntryProblem = {
  account: string;
  seq: number;
  problem: EntryProblemKind;
  detail: string;
};

export type ChainsResult = {
  problems: EntryProblem[];
  accounts: number;
  entries: number;
  // Entries above what the checkpoint files recorded: checked for chain consistency only.
  afterCheckpoint: number;
};

const recordedAt = (chain: string | undefined, seq: number): string | undefined =>
  chain && seq * 64 <= chain.length ? chain.slice((seq - 1) * 64, seq * 64) : undefined;

/** One account's walk from seq 1; the first problem found is its report. */
class AccountWalk {
  seq = 0;
  link = GENESIS_HASH;
  problem: EntryProblem | null = null;

  constructor(
    readonly account: string,
    readonly recorded: string | undefined,
  ) {}

  private fail(seq: number, problem: EntryProblemKind, detail: string) {
    this.problem = { account: this.account, seq, problem, detail };
  }

  step(row: LedgerEntryRow): void {
    if (this.problem) return;
    const expected = this.seq + 1;
    if (row.seq !== expected) {
      return this.fail(
        expected,
        "missing",
        `the database has no entry ${expected}; the next is ${row.seq}`,
      );
    }
    this.seq = row.seq;
    if (row.hashVersion !== HASH_VERSION || entryHash(row) !== row.hash) {
      return this.fail(row.seq, "altered", "its content does not give its stored hash");
    }
    const want = recordedAt(this.recorded, row.seq);
    if (want !== undefined && want !== row.hash) {
      return this.fail(
        row.seq,
        "rewritten",
        `its hash ${row.hash} is consistent but the checkpoint files recorded ${want}`,
      );
    }
    if (row.prevHash !== this.link) {
      return this.fail(
        row.seq,
        "broken-link",
        "its prevHash is not the hash of the entry before it",
      );
    }
    this.link = row.hash;
  }

  /** After the account's last row: entries the files recorded that the database lacks. */
  finish(): void {
    const recordedSeq = (this.recorded?.length ?? 0) / 64;
    if (!this.problem && this.seq < recordedSeq) {
      this.fail(this.seq + 1, "missing", `the checkpoint files recorded ${recordedSeq} entries`);
    }
  }
}

/**
 * Walk every chain from seq 1 in (account, seq) order, one page at a time (keyset pagination on
 * the unique index, so 100,000+ entries never sit in memory at once), recomputing each hash and
 * comparing it with what the checkpoint files recorded. One consistent snapshot: repeatable read
 * and read-only on PostgreSQL; PGlite has a single connection.
 */
export async function checkChains(
  db: Db,
  recorded: Recorded,
  pageSize = 2000,
): Promise<ChainsResult> {
  return db.transaction(
    async (tx: Tx) => {
      const result: ChainsResult = { problems: [], accounts: 0, entries: 0, afterCheckpoint: 0 };
      const seen = new Set<string>();
      let walk = new AccountWalk("", undefined); // a sentinel: no account has an empty id
      const close = (w: AccountWalk) => {
        if (w.account === "") return;
        w.finish();
        if (w.problem) result.problems.push(w.problem);
      };
      let after: { account: string; seq: number } | null = null;
      for (;;) {
        const page: LedgerEntryRow[] = await tx
          .select()
          .from(ledgerEntries)
          .where(
            after
              ? sql`(${ledgerEntries.accountId}, ${ledgerEntries.seq}) > (${after.account}::uuid, ${after.seq})`
              : undefined,
          )
          .orderBy(asc(ledgerEntries.accountId), asc(ledgerEntries.seq))
          .limit(pageSize);
        for (const row of page) {
          if (walk.account !== row.accountId) {
            close(walk);
            walk = new AccountWalk(row.accountId, recorded.get(row.accountId));
            seen.add(row.accountId);
            result.accounts++;
          }
          walk.step(row);
          result.entries++;
          if (recordedAt(walk.recorded, row.seq) === undefined) result.afterCheckpoint++;
        }
        if (page.length < pageSize) break;
        const last = page[page.length - 1]!;
        after = { account: last.accountId, seq: last.seq };
      }
      close(walk);
      // Accounts the files recorded of which the database has no entry at all.
      for (const account of recorded.keys()) {
        if (seen.has(account)) continue;
        result.problems.push({
          account,
          seq: 1,
          problem: "missing",
          detail: `the database has none of the ${recorded.get(account)!.length / 64} entries the checkpoint files recorded`,
        });
      }
      return result;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
