import { desc, sql } from "drizzle-orm";
import { getDb, selectRows, type Db, type Tx } from "@/db";
import { ledgerCheckpoints } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { signingKey } from "@/lib/keys";
import { writeCheckpointFile } from "./checkpoint-export";
import {
  CHECKPOINT_FILE_FORMAT,
  CHECKPOINT_VERSION,
  checkpointHash,
  entryListHash,
  FIRST_PREV_CHECKPOINT_HASH,
  signCheckpoint,
  type CheckpointFile,
  type CheckpointPayload,
  type EntryRef,
} from "./checkpoint-format";
import { GENESIS_HASH } from "./hash";
import { ledgerRoot, type Leaf } from "./merkle";

export type CheckpointOutcome =
  | { status: "written"; number: number; file: string; payload: CheckpointPayload; kid: string }
  // Nothing was written since the last checkpoint (only asked for with `onlyIfNew`).
  | { status: "unchanged"; number: number | null }
  // Another writer took this number first; its checkpoint stands and ours is dropped.
  | { status: "raced"; number: number };

type Snapshot = {
  prev: { number: number; jws: string } | null;
  leaves: Leaf[];
  entries: EntryRef[];
  createdAt: Date;
};

const inconsistent = (account: string, seq: number, what: string) =>
  new AppError(
    "CONFLICT",
    "ledger_inconsistent",
    `The ledger is inconsistent at account ${account}, seq ${seq}: ${what}. No checkpoint was ` +
      "written; run npm run ledger:verify.",
  );

// The previous checkpoint's leaves, straight from its stored file (none before the first).
const prevLeaves = (number: number | null) => sql`prev as (
  select p.account, p.seq, p.head
  from jsonb_to_recordset(coalesce(
    (select file -> 'leaves' from ledger_checkpoints where number = ${number}), '[]'::jsonb
  )) as p(account uuid, seq int, head text))`;

/**
 * One consistent view of the ledger: every account's head, and every entry written since the
 * previous checkpoint (per account, the entries above its previous leaf — found through the
 * index on (account, seq), not by scanning every entry). Repeatable read and read-only on
 * PostgreSQL; PGlite has one connection, so its transactions are consistent anyway.
 */
async function takeSnapshot(db: Db): Promise<Snapshot> {
  return db.transaction(
    async (tx: Tx) => {
      const createdAt = now();
      const [prev] = await tx
        .select({ number: ledgerCheckpoints.number, jws: ledgerCheckpoints.jws })
        .from(ledgerCheckpoints)
        .orderBy(desc(ledgerCheckpoints.number))
        .limit(1);
      const number = prev?.number ?? null;
      const heads = await selectRows<HeadRow>(
        tx,
        sql`with ${prevLeaves(number)},
          heads as (
            select a.id as account, h.seq, h.hash as head
            from learning_accounts a
            cross join lateral (
              select seq, hash from ledger_entries e
              where e.account_id = a.id order by e.seq desc limit 1
            ) h
          )
          select coalesce(h.account, p.account)::text as account, h.seq, h.head,
                 p.seq as prev_seq, p.head as prev_head
          from heads h full join prev p on p.account = h.account`,
      );
      const rows = await selectRows<EntryRow>(
        tx,
        sql`with ${prevLeaves(number)}
          select a.id::text as account, e.seq, e.prev_hash, e.hash
          from learning_accounts a
          left join prev p on p.account = a.id
          cross join lateral (
            select seq, prev_hash, hash from ledger_entries e
            where e.account_id = a.id and e.seq > coalesce(p.seq, 0) order by e.seq
          ) e
          order by a.id, e.seq`,
      );
      return { prev: prev ?? null, createdAt, ...linkSnapshot(heads, rows) };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

type HeadRow = {
  account: string;
  seq: number | null;
  head: string | null;
  prev_seq: number | null;
  prev_head: string | null;
};
type EntryRow = { account: string; seq: number; prev_hash: string; hash: string };

/**
 * Check the new entries lead from the previous leaves to the heads, link by link, and build the
 * sorted leaves. The database refuses rewrites, so this only fails after tampering: better to
 * refuse than to sign a tampered ledger into the record.
 */
function linkSnapshot(heads: HeadRow[], rows: EntryRow[]): { leaves: Leaf[]; entries: EntryRef[] } {
  const byAccount = new Map(heads.map((h) => [h.account, h]));
  const reached = new Map<string, { seq: number; hash: string }>();
  const entries: EntryRef[] = [];
  for (const r of rows) {
    const h = byAccount.get(r.account);
    const at = reached.get(r.account) ?? {
      seq: h?.prev_seq === null || h === undefined ? 0 : Number(h.prev_seq),
      hash: h?.prev_head ?? GENESIS_HASH,
    };
    const seq = Number(r.seq);
    if (seq !== at.seq + 1) throw inconsistent(r.account, at.seq + 1, "an entry is missing");
    if (r.prev_hash !== at.hash) {
      throw inconsistent(r.account, seq, "it does not link to its predecessor");
    }
    reached.set(r.account, { seq, hash: r.hash });
    entries.push({ account: r.account, seq, hash: r.hash });
  }
  const leaves: Leaf[] = [];
  for (const h of heads) {
    const prevSeq = h.prev_seq === null ? null : Number(h.prev_seq);
    if (h.seq === null || h.head === null) {
      throw inconsistent(h.account, prevSeq ?? 1, "the checkpointed entries are gone");
    }
    const seq = Number(h.seq);
    const end = reached.get(h.account) ?? { seq: prevSeq ?? 0, hash: h.prev_head };
    if (prevSeq !== null && seq < prevSeq) {
      throw inconsistent(h.account, seq + 1, "checkpointed entries are gone");
    }
    if (end.seq !== seq || end.hash !== h.head) {
      throw inconsistent(h.account, seq, "the head does not match the entries before it");
    }
    leaves.push({ account: h.account, seq, head: h.head });
  }
  // Byte order of the lowercase uuid text (docs/LEDGER.md §3.1), whatever the database's collation.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  leaves.sort((a, b) => cmp(a.account, b.account));
  entries.sort((a, b) => cmp(a.account, b.account) || a.seq - b.seq);
  return { leaves, entries };
}

/**
 * Write the next checkpoint (docs/LEDGER.md §3): snapshot, sign with the ledger key, store the
 * row, export the file. The number is the primary key, so of two writers that read the same
 * previous checkpoint one stores it and the other gives up ("raced") — never a duplicate number
 * or two checkpoints claiming the same predecessor. The file is written after the commit; a
 * crash in between leaves a row that `exportCheckpoints` writes out again.
 */
export async function writeCheckpoint(
  opts: { actorId?: string | null; onlyIfNew?: boolean } = {},
): Promise<CheckpointOutcome> {
  const db = await getDb();
  const snap = await takeSnapshot(db);
  if (opts.onlyIfNew && snap.entries.length === 0) {
    return { status: "unchanged", number: snap.prev?.number ?? null };
  }
  const number = (snap.prev?.number ?? 0) + 1;
  const payload: CheckpointPayload = {
    version: CHECKPOINT_VERSION,
    number,
    prevCheckpointHash: snap.prev ? checkpointHash(snap.prev.jws) : FIRST_PREV_CHECKPOINT_HASH,
    accounts: snap.leaves.length,
    entries: snap.leaves.reduce((n, l) => n + l.seq, 0),
    root: ledgerRoot(snap.leaves),
    entryListHash: entryListHash(snap.entries),
    createdAt: snap.createdAt.toISOString(),
  };
  const key = await signingKey("ledger");
  const jws = await signCheckpoint(payload, key);
  const file: CheckpointFile = {
    format: CHECKPOINT_FILE_FORMAT,
    version: CHECKPOINT_VERSION,
    checkpoint: payload,
    jws,
    leaves: snap.leaves,
    entries: snap.entries,
  };
  const stored = await db.transaction(async (tx) => {
    // A concurrent writer's uncommitted row with this number makes us wait, then do nothing.
    const [row] = await tx
      .insert(ledgerCheckpoints)
      .values({
        number,
        prevCheckpointHash: payload.prevCheckpointHash,
        accounts: payload.accounts,
        entries: payload.entries,
        root: payload.root,
        kid: key.kid,
        jws,
        file,
        createdAt: snap.createdAt,
      })
      .onConflictDoNothing({ target: ledgerCheckpoints.number })
      .returning({ number: ledgerCheckpoints.number });
    if (!row) return false;
    await writeAudit(tx, {
      actorId: opts.actorId ?? null,
      action: "ledger.checkpoint",
      targetType: "ledger_checkpoint",
      targetId: String(number),
      after: {
        root: payload.root,
        accounts: payload.accounts,
        entries: payload.entries,
        kid: key.kid,
      },
    });
    return true;
  });
  if (!stored) return { status: "raced", number };
  return { status: "written", number, file: writeCheckpointFile(file), payload, kid: key.kid };
}
