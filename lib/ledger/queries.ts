import "server-only";
import { desc, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import {
  completions,
  credentials,
  enrolments,
  institutions,
  learningAccounts,
  resourceVersions,
  type CredentialStatus,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { now } from "@/lib/clock";
import { parseInput } from "@/lib/validation";
import { ensureLearningAccount } from "./accounts";
import { computeBalances, type LedgerBalances } from "./balances";
import { countEntries, listEntries, type EntryWithRow, type LedgerEntryView } from "./entries";
import type { InstitutionRef } from "./labels";
import { ledgerPageQuerySchema } from "./schemas";

export type { LedgerBalances, LedgerEntryView, InstitutionRef };

export type MyLearningAccount = { number: string; nameOnCredentials: boolean };

export type MyCredential = {
  id: string;
  titleZh: string;
  titleEn: string;
  institution: InstitutionRef;
  status: CredentialStatus;
  issuedAt: string;
};

/**
 * The viewer's own account. Sign-up opens it; people who came before the ledger get theirs on
 * first use, here (one idempotent insert, race-safe: `user_id` is unique). Everything below reads
 * only the viewer's account, so nobody can read another's ledger through these functions.
 */
async function myAccount(viewer: Viewer) {
  const db = await getDb();
  const [account] = await db
    .select()
    .from(learningAccounts)
    .where(eq(learningAccounts.userId, viewer.userId));
  return account ?? db.transaction((tx) => ensureLearningAccount(tx, viewer.userId));
}

/**
 * Balances and entries from one snapshot, so the totals always add up to the entries shown even
 * while a deposit is being written (PostgreSQL: a read-only repeatable-read transaction).
 */
async function inSnapshot<T>(work: (db: DbOrTx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(work, { isolationLevel: "repeatable read", accessMode: "read only" });
}

export type MyLedger = {
  account: MyLearningAccount;
  balances: LedgerBalances;
  /** Newest first. */
  entries: LedgerEntryView[];
};

/** The /learn/credits page: account, balances and every entry with its source. */
export async function getMyLedger(viewer: Viewer): Promise<MyLedger> {
  const account = await myAccount(viewer);
  return inSnapshot(async (db) => {
    const [balances, entries] = await Promise.all([
      computeBalances(db, account.id),
      listEntries(db, account.id, { order: "desc" }),
    ]);
    return {
      account: { number: account.number, nameOnCredentials: account.nameOnCredentials },
      balances,
      entries: entries.map((e) => e.view),
    };
  });
}

export type MyTranscript = {
  account: MyLearningAccount;
  holderName: string;
  generatedAt: string;
  balances: LedgerBalances;
  /** Chain order (seq ascending), each with its stored row for the JSON export's hashed object. */
  entries: EntryWithRow[];
};

/** The transcript (web page, PDF, JSON): every entry in chain order, with the totals. */
export async function getMyTranscript(viewer: Viewer): Promise<MyTranscript> {
  const account = await myAccount(viewer);
  return inSnapshot(async (db) => {
    const [balances, entries] = await Promise.all([
      computeBalances(db, account.id),
      listEntries(db, account.id, { order: "asc" }),
    ]);
    return {
      account: { number: account.number, nameOnCredentials: account.nameOnCredentials },
      holderName: viewer.name,
      generatedAt: now().toISOString(),
      balances,
      entries,
    };
  });
}

export type MyLedgerPage = {
  accountNumber: string;
  balances: LedgerBalances;
  entries: LedgerEntryView[];
  total: number;
  page: number;
  pageSize: number;
};

/** GET /api/v1/me/ledger: one page of entries in chain order, and the balances of all of them. */
export async function getMyLedgerPage(viewer: Viewer, query: unknown): Promise<MyLedgerPage> {
  const { page, pageSize } = parseInput(ledgerPageQuerySchema, query);
  const account = await myAccount(viewer);
  return inSnapshot(async (db) => {
    const [balances, entries, total] = await Promise.all([
      computeBalances(db, account.id),
      listEntries(db, account.id, {
        order: "asc",
        limit: pageSize,
        offset: (page - 1) * pageSize,
      }),
      countEntries(db, account.id),
    ]);
    return {
      accountNumber: account.number,
      balances,
      entries: entries.map((e) => e.view),
      total,
      page,
      pageSize,
    };
  });
}

/** The viewer's credentials, newest first, titled by the version they completed. */
export async function listMyCredentials(viewer: Viewer): Promise<MyCredential[]> {
  const account = await myAccount(viewer);
  const db = await getDb();
  const rows = await db
    .select({
      id: credentials.id,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      institution: {
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
      },
      status: credentials.status,
      issuedAt: credentials.issuedAt,
    })
    .from(credentials)
    .innerJoin(completions, eq(completions.id, credentials.completionId))
    .innerJoin(enrolments, eq(enrolments.id, completions.enrolmentId))
    .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
    .innerJoin(institutions, eq(institutions.id, completions.institutionId))
    .where(eq(credentials.accountId, account.id))
    .orderBy(desc(credentials.issuedAt));
  return rows.map((r) => ({ ...r, issuedAt: r.issuedAt.toISOString() }));
}
