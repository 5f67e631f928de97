import "server-only";
import path from "node:path";
import { desc } from "drizzle-orm";
import { getDb } from "@/db";
import { ledgerCheckpoints } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { forbidden } from "@/lib/errors";
import { writeCheckpoint, type CheckpointOutcome } from "./checkpoint";
import { verifyLedger } from "./verify";

/** The alliance office's view of the ledger's checkpoints and its verifier (`/admin/ledger`). */

export type CheckpointRow = {
  number: number;
  createdAt: Date;
  accounts: number;
  entries: number;
  root: string;
  kid: string;
};

export type LedgerVerifyView = {
  ok: boolean;
  checkedAt: string;
  checkpoints: number;
  trustedThrough: number | null;
  chains: { accounts: number; entries: number; afterCheckpoint: number } | null;
  checkpointProblems: {
    checkpoint: number | null;
    file: string;
    problem: string;
    detail: string;
  }[];
  entryProblems: {
    account: string;
    accountNumber: string | null;
    seq: number;
    problem: string;
    detail: string;
  }[];
  // More accounts with a problem than the page lists.
  moreEntryProblems: number;
};

const SHOWN_PROBLEMS = 200;

const assertMayVerify = (viewer: Viewer) => {
  if (!canOnPlatform(viewer, "ledger:verify")) throw forbidden();
};

/** The latest checkpoints, newest first (without their files, which can be large). */
export async function listCheckpoints(viewer: Viewer, limit = 50): Promise<CheckpointRow[]> {
  assertMayVerify(viewer);
  return (await getDb())
    .select({
      number: ledgerCheckpoints.number,
      createdAt: ledgerCheckpoints.createdAt,
      accounts: ledgerCheckpoints.accounts,
      entries: ledgerCheckpoints.entries,
      root: ledgerCheckpoints.root,
      kid: ledgerCheckpoints.kid,
    })
    .from(ledgerCheckpoints)
    .orderBy(desc(ledgerCheckpoints.number))
    .limit(limit);
}

/** "Write a checkpoint now": audited with the admin as actor. */
export async function checkpointNow(viewer: Viewer): Promise<CheckpointOutcome> {
  assertMayVerify(viewer);
  return writeCheckpoint({ actorId: viewer.userId });
}

/**
 * "Verify now": the same verifier as `npm run ledger:verify`, against the exported files and the
 * configured public keys, reduced to what the page shows.
 */
export async function verifyNow(viewer: Viewer): Promise<LedgerVerifyView> {
  assertMayVerify(viewer);
  const r = await verifyLedger({ db: await getDb() });
  return {
    ok: r.ok,
    checkedAt: now().toISOString(),
    checkpoints: r.checkpoints.length,
    trustedThrough: r.trustedThrough,
    chains: r.chains,
    checkpointProblems: r.checkpointProblems.map((p) => ({ ...p, file: path.basename(p.file) })),
    entryProblems: r.entryProblems.slice(0, SHOWN_PROBLEMS),
    moreEntryProblems: Math.max(0, r.entryProblems.length - SHOWN_PROBLEMS),
  };
}
