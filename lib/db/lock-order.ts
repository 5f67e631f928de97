import { asc, getTableName, inArray, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { selectRows, type DbOrTx } from "@/db";
import { quoteIdent, uuidArray } from "./json-rows";

/**
 * The one order in which multi-row money work takes row locks (docs/ARCHITECTURE.md, "Lock
 * order"). Two transactions that lock rows in the same order, and rows of one kind by ascending
 * id, can wait for each other but never deadlock.
 */
export const lockOrder = [
  "institution",
  "order",
  "licence",
  "resource_capacity",
  "enrolment",
  "account",
] as const;
export type LockKind = (typeof lockOrder)[number];
export type LockMode = "share" | "update";

/** Any table with a text or uuid `id` primary key. */
export type LockableTable = PgTable & { id: PgColumn };

type Held = {
  rank: number;
  lastId: string;
  modes: Map<string, LockMode>;
  // Every row this transaction locked, of any kind (`kind:id` → mode): asking again is harmless.
  all: Map<string, LockMode>;
};

// What each open transaction holds, to refuse an out-of-order request. A savepoint
// (`tx.transaction`) is another object and starts afresh; its locks still belong to the outer one.
const heldByTx = new WeakMap<object, Held>();

export class LockOrderError extends Error {
  constructor(message: string) {
    super(`Lock order: ${message}`);
    this.name = "LockOrderError";
  }
}

/**
 * Lock rows of one kind in this transaction: `SELECT … ORDER BY id FOR UPDATE` (or `FOR SHARE`),
 * so rows are locked in ascending id order. Returns the ids found, ascending (a missing row is
 * simply absent). Throws `LockOrderError` — a programming error, found by the tests — when the
 * request would break the order: a kind ranked before one already locked, a row of the same kind
 * below one already locked, or a row held `FOR SHARE` asked again `FOR UPDATE` (two transactions
 * upgrading the same shared row deadlock). A row already held in the same or a stronger mode is
 * locked again harmlessly.
 */
export async function lockRows(
  tx: DbOrTx,
  kind: LockKind,
  table: LockableTable,
  ids: readonly string[],
  mode: LockMode = "update",
): Promise<string[]> {
  const found = await lockRowsWith(tx, kind, ids, mode, (sorted) =>
    table.id.columnType === "PgUUID"
      ? // One statement text for any number of ids (prepared once per connection,
        // db/prepared.ts), built as text: this runs on every hot path.
        selectRows<{ id: string }>(
          tx,
          sql`${sql.raw(`select ${quoteIdent(table.id.name)} as id from ${quoteIdent(getTableName(table))} where ${quoteIdent(table.id.name)} = any(`)}${uuidArray(
            sorted,
          )}${sql.raw(`) order by 1 for ${mode === "update" ? "update" : "share"}`)}`,
        )
      : tx
          .select({ id: table.id })
          .from(table)
          .where(inArray(table.id, sorted))
          .orderBy(asc(table.id))
          .for(mode),
  );
  return found.map((r) => String(r.id));
}

/**
 * `lockRows` with the caller's own locking query, for a hot path that reads the rows it locks in
 * the same round trip (an institution, an enrolment with its resource). `run` gets the ids
 * ascending and must lock exactly those rows, in that order, `FOR UPDATE` or `FOR SHARE` as
 * `mode` says; the order is checked before it runs, as `lockRows` does. Only the locked rows
 * themselves are re-read after a wait: anything else the statement reads (a subquery, another
 * table's rows) comes from the snapshot taken before it, so read what others change later.
 */
export async function lockRowsWith<T extends { id: unknown }>(
  tx: DbOrTx,
  kind: LockKind,
  ids: readonly string[],
  mode: LockMode,
  run: (sorted: string[]) => Promise<T[]>,
): Promise<T[]> {
  const rank = lockOrder.indexOf(kind);
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return [];
  const held = heldByTx.get(tx);
  // Rows already held in this mode or a stronger one: locking them again waits for nobody, so
  // it cannot deadlock whatever was locked since (a nested step re-locking its order, say).
  const already = (id: string) => {
    const had = held?.all.get(`${kind}:${id}`);
    return had === "update" || had === mode;
  };
  const fresh = sorted.every(already) ? [] : checkOrder(held, kind, rank, sorted, mode);
  // Recorded as held when sent, not when answered: a request sent right behind this one (hot
  // paths pipeline their locks) is checked against it.
  record(tx, kind, rank, fresh, mode);
  const rows = await run(sorted);
  // Only rows found are held: a row the statement did not return (absent, or filtered out by
  // the caller's own condition) was never locked, and a later request may name a lower id.
  const found = new Set(rows.map((r) => String(r.id)));
  const missing = fresh.filter((id) => !found.has(id));
  if (missing.length > 0) forget(tx, kind, rank, missing);
  return rows;
}

function record(tx: object, kind: LockKind, rank: number, ids: string[], mode: LockMode) {
  if (ids.length === 0) return;
  const held = heldByTx.get(tx);
  const all = held?.all ?? new Map<string, LockMode>();
  for (const id of ids) all.set(`${kind}:${id}`, mode);
  const next: Held =
    held && held.rank === rank
      ? held
      : { rank, lastId: "", modes: new Map<string, LockMode>(), all };
  for (const id of ids) next.modes.set(id, mode);
  next.lastId = [next.lastId, ...ids].sort().at(-1)!;
  heldByTx.set(tx, next);
}

function forget(tx: object, kind: LockKind, rank: number, ids: string[]) {
  const held = heldByTx.get(tx);
  if (!held) return;
  for (const id of ids) held.all.delete(`${kind}:${id}`);
  if (held.rank !== rank) return; // a later kind was asked for since: its rank stands
  for (const id of ids) held.modes.delete(id);
  held.lastId = [...held.modes.keys()].sort().at(-1) ?? "";
}

/** The ids this request newly locks; throws when it breaks the order. */
function checkOrder(
  held: Held | undefined,
  kind: LockKind,
  rank: number,
  sorted: string[],
  mode: LockMode,
): string[] {
  if (!held) return sorted;
  if (rank < held.rank) {
    throw new LockOrderError(`${kind} rows after ${lockOrder[held.rank]} rows`);
  }
  if (rank > held.rank) return sorted;
  const fresh: string[] = [];
  for (const id of sorted) {
    const had = held.modes.get(id);
    if (had === "share" && mode === "update") {
      throw new LockOrderError(`${kind} ${id} held FOR SHARE cannot be upgraded to FOR UPDATE`);
    }
    if (had) continue;
    if (id < held.lastId) {
      throw new LockOrderError(`${kind} ${id} after ${kind} ${held.lastId} (ids ascend)`);
    }
    fresh.push(id);
  }
  return fresh;
}
