import fs from "node:fs";
import path from "node:path";
import { asc, inArray } from "drizzle-orm";
import type { JWK } from "jose";
import type { Db } from "@/db";
import { learningAccounts, ledgerCheckpoints } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { publicJwk, publicKeys } from "@/lib/keys";
import { checkpointExportDir } from "./checkpoint-export";
import { checkpointFileName } from "./checkpoint-format";
import { checkChains, type EntryProblem } from "./verify-chains";
import {
  checkCheckpointFiles,
  type CheckpointProblem,
  type CheckpointSummary,
} from "./verify-files";

export type { CheckpointProblem, EntryProblem };

export type LedgerReport = {
  ok: boolean;
  dir: string;
  checkpoints: CheckpointSummary[];
  // The last checkpoint whose file and every one before it verified (null: none).
  trustedThrough: number | null;
  checkpointProblems: CheckpointProblem[];
  // The first problem of each account, with its number when the database knows it.
  entryProblems: (EntryProblem & { accountNumber: string | null })[];
  // Null when the entries were not read (no database given).
  chains: { accounts: number; entries: number; afterCheckpoint: number } | null;
  notes: string[];
};

/**
 * The public keys a verifier uses: a JWK set from a file or an http(s) URL, or by default the
 * public parts of the configured ledger key set. Private members are dropped in every case. The
 * default never generates a key: a verifier in a fresh demo directory finds none.
 */
export async function loadVerificationKeys(source?: string): Promise<JWK[]> {
  let set: unknown;
  if (source && /^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered ${res.status}`);
    set = await res.json();
  } else if (source) {
    set = JSON.parse(fs.readFileSync(source, "utf8"));
  } else {
    const env = getEnv();
    // The demo key file lib/keys would otherwise create (lib/keys/index.ts demoSet).
    const demoFile = path.resolve(env.DATA_DIR, "keys", "ledger.jwks.json");
    if (!env.LEDGER_SIGNING_JWKS && !fs.existsSync(demoFile)) return [];
    return publicKeys("ledger");
  }
  const keys = (set as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error(`${source} is not a JWK set ({"keys": [...]})`);
  return (keys as JWK[]).filter((k) => typeof k.kid === "string").map(publicJwk);
}

/**
 * Verify the ledger against its exported checkpoint files (docs/LEDGER.md §5): every file's
 * signature and links with public keys only, then — given a database — every chain from seq 1,
 * naming the first altered, missing or rewritten entry of each account.
 */
export async function verifyLedger(opts: {
  db: Db | null;
  dir?: string;
  keys?: JWK[];
  pageSize?: number;
}): Promise<LedgerReport> {
  const dir = path.resolve(opts.dir ?? checkpointExportDir());
  const keys = opts.keys ?? (await loadVerificationKeys());
  const files = await checkCheckpointFiles(dir, keys);
  const report: LedgerReport = {
    ok: false,
    dir,
    checkpoints: files.checkpoints,
    trustedThrough: files.trustedThrough,
    checkpointProblems: files.problems,
    entryProblems: [],
    chains: null,
    notes: [],
  };
  if (files.checkpoints.length === 0 && files.problems.length === 0) {
    report.notes.push(
      `No checkpoint files in ${dir}: every entry is checked for chain consistency only.`,
    );
  }
  if (opts.db) {
    const db = opts.db;
    // A checkpoint stored in the database must have its file here (the files are the record).
    const stored = await db
      .select({ number: ledgerCheckpoints.number })
      .from(ledgerCheckpoints)
      .orderBy(asc(ledgerCheckpoints.number));
    const present = new Set(files.checkpoints.map((c) => c.number));
    const failed = new Set(files.problems.map((p) => p.checkpoint));
    for (const { number } of stored) {
      if (present.has(number) || failed.has(number)) continue;
      report.checkpointProblems.push({
        checkpoint: number,
        file: path.join(dir, checkpointFileName(number)),
        problem: "missing-file",
        detail: "stored in the database but its file is not in the directory",
      });
    }
    const chains = await checkChains(db, files.recorded, opts.pageSize);
    report.chains = {
      accounts: chains.accounts,
      entries: chains.entries,
      afterCheckpoint: chains.afterCheckpoint,
    };
    const ids = chains.problems.map((p) => p.account);
    const numbers = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await db
        .select({ id: learningAccounts.id, number: learningAccounts.number })
        .from(learningAccounts)
        .where(inArray(learningAccounts.id, ids.slice(i, i + 1000)));
      for (const r of rows) numbers.set(r.id, r.number);
    }
    report.entryProblems = chains.problems.map((p) => ({
      ...p,
      accountNumber: numbers.get(p.account) ?? null,
    }));
    if (chains.afterCheckpoint > 0) {
      report.notes.push(
        `${chains.afterCheckpoint} entries written after the last verified checkpoint` +
          `${files.trustedThrough ? ` (#${files.trustedThrough})` : ""} were checked for chain consistency only.`,
      );
    }
  } else {
    report.notes.push("The database was not read: only the checkpoint files were checked.");
  }
  report.ok = report.checkpointProblems.length === 0 && report.entryProblems.length === 0;
  return report;
}
