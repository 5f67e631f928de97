import { and, asc, eq, gt, inArray, notExists, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type DbOrTx } from "@/db";
import { creditStandard, credentials, learningAccounts, ledgerEntries } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { dayIn } from "@/lib/completions/target";
import { lockRows } from "@/lib/db/lock-order";
import { isValidTimeZone } from "@/lib/time/alliance-zone";
import { appendEntry } from "./append";

export type ExpiryRun = {
  /** Expiry entries this run wrote. */
  expired: number;
  /** The alliance's day the run judged by (YYYY-MM-DD); null when credits never expire. */
  day: string | null;
};

const DEFAULT_PAGE_SIZE = 500;

const d = ledgerEntries;
const cancelling = alias(ledgerEntries, "cancelling");
const recognising = alias(ledgerEntries, "recognising");

/**
 * Deposits that lapse by `day` with a validity of `years` and are still held: nothing cancels
 * them yet, no target recognised them, and no open dispute freezes them. Each condition is
 * read afresh wherever this is used, so the same filter finds candidates and re-checks them
 * under the account's lock.
 */
function lapsedDeposits(db: DbOrTx, years: number, day: string): SQL {
  return and(
    eq(d.kind, "deposit"),
    gt(d.creditsX100, 0),
    // PostgreSQL's calendar arithmetic: 29 February + 2 years is 28 February.
    sql`(${d.completedOn} + make_interval(years => ${years}::int))::date <= ${day}::date`,
    // `kind in (…)` lets the planner use the unique index `ledger_entries_reverses`.
    notExists(
      db
        .select({ one: sql`1` })
        .from(cancelling)
        .where(
          and(
            eq(cancelling.reversesEntryId, d.id),
            inArray(cancelling.kind, ["reversal", "expiry"]),
          ),
        ),
    ),
    // A recognition cites its deposit by completion id, in the same account.
    notExists(
      db
        .select({ one: sql`1` })
        .from(recognising)
        .where(
          and(
            eq(recognising.accountId, d.accountId),
            eq(recognising.kind, "recognition"),
            eq(recognising.completionId, d.completionId),
          ),
        ),
    ),
    // Frozen while a dispute is open (its credential suspended): a later run takes it up.
    notExists(
      db
        .select({ one: sql`1` })
        .from(credentials)
        .where(
          and(eq(credentials.completionId, d.completionId), eq(credentials.status, "suspended")),
        ),
    ),
  )!;
}

type Cursor = { accountId: string; seq: number };

/**
 * One page of candidates after `after`, in (account, seq) order: keyset paging on the
 * `(account_id, seq)` index, so a deposit skipped under the lock never makes a page repeat.
 */
function readCandidates(
  db: DbOrTx,
  years: number,
  day: string,
  after: Cursor | null,
  limit: number,
): Promise<{ id: string; accountId: string; seq: number }[]> {
  return db
    .select({ id: d.id, accountId: d.accountId, seq: d.seq })
    .from(d)
    .where(
      and(
        lapsedDeposits(db, years, day),
        after
          ? sql`(${d.accountId}, ${d.seq}) > (${after.accountId}::uuid, ${after.seq}::int)`
          : undefined,
      ),
    )
    .orderBy(asc(d.accountId), asc(d.seq))
    .limit(limit);
}

async function readValidity(db: DbOrTx) {
  const [row] = await db
    .select({ years: creditStandard.creditValidityYears, timeZone: creditStandard.timeZone })
    .from(creditStandard)
    .where(eq(creditStandard.id, 1));
  if (!row) throw new Error("The credit standard row is missing: run the migrations");
  if (!isValidTimeZone(row.timeZone)) {
    throw new Error(`The credit standard's time zone is not an IANA zone: ${row.timeZone}`);
  }
  if (row.years !== null && row.years < 1) {
    // 0 would lapse every deposit on the day it is made: a slip, not a policy.
    throw new Error(`The credit standard's validity must be at least 1 year: ${row.years}`);
  }
  return row;
}

/**
 * The daily expiry (PRODUCT.md §7): one `expiry` entry per lapsed, unrecognised deposit when the
 * credit standard sets a validity. A deposit lapses on its completion date + N years, judged by
 * the alliance's day at `at`. Candidates are read in pages ordered by (account, seq), so a large
 * ledger never loads at once; each account is written in its own transaction under its lock,
 * where every candidate is checked again, so a refund or a second run racing this one leaves
 * exactly one entry cancelling each deposit (the unique `reverses` index is the last guard).
 */
export async function expireLapsedDeposits(
  at: Date = now(),
  opts: { pageSize?: number } = {},
): Promise<ExpiryRun> {
  const db = await getDb();
  const { years, timeZone } = await readValidity(db);
  if (years === null) return { expired: 0, day: null };
  const day = dayIn(at, timeZone);
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;

  let expired = 0;
  let after: Cursor | null = null;
  for (;;) {
    const page = await readCandidates(db, years, day, after, pageSize);
    const byAccount = new Map<string, string[]>();
    for (const p of page) byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), p.id]);
    for (const [accountId, ids] of byAccount) {
      expired += await expireInAccount(accountId, ids, years, day);
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) break;
    after = { accountId: last.accountId, seq: last.seq };
  }

  if (expired > 0) {
    await writeAudit(db, {
      actorId: null,
      action: "ledger.expired",
      targetType: "ledger",
      targetId: day,
      after: { expired, day, validityYears: years },
    });
  }
  return { expired, day };
}

/** One account's lapsed deposits among `ids`, re-checked under the account's lock. */
async function expireInAccount(
  accountId: string,
  ids: string[],
  years: number,
  day: string,
): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockRows(tx, "account", learningAccounts, [accountId]);
    // After the lock, in a statement of its own: sees what the previous holder committed.
    const still = await tx
      .select()
      .from(d)
      .where(and(inArray(d.id, ids), lapsedDeposits(tx, years, day)))
      .orderBy(asc(d.seq));
    for (const deposit of still) {
      // The achievement stands: the credential is left as it is; only the banked credits lapse.
      await appendEntry(tx, accountId, {
        kind: "expiry",
        creditsX100: -deposit.creditsX100,
        level: deposit.level,
        fieldCode: deposit.fieldCode,
        sourceInstitutionId: deposit.sourceInstitutionId,
        actingInstitutionId: null,
        resourceId: deposit.resourceId,
        resourceVersionId: deposit.resourceVersionId,
        enrolmentId: deposit.enrolmentId,
        completionId: deposit.completionId,
        titleZh: deposit.titleZh,
        titleEn: deposit.titleEn,
        reversesEntryId: deposit.id,
      });
    }
    return still.length;
  });
}
