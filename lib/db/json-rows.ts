import { getTableColumns, getTableName, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { selectRows, type DbOrTx } from "@/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Insert many rows through one JSON parameter (`json_populate_recordset`), for the hot batch
 * paths (a batch of completions writes four tables). Drizzle's multi-row insert binds every
 * field as its own parameter and builds the statement anew for each row count, which cost more
 * than the database's work; here the statement is the same for 1 or 200 rows and the rows go
 * as one `JSON.stringify`. Keys are the table's drizzle keys; a key left out of every row takes
 * the column's default, a key left out of some rows is null in those. Dates go as ISO strings (milliseconds kept), json columns as their value.
 */
export async function insertJsonRows<T extends PgTable, R = never>(
  tx: DbOrTx,
  table: T,
  rows: readonly T["$inferInsert"][],
  // What follows the insert: `on conflict … do nothing returning …` (then its rows come back).
  tail?: SQL,
): Promise<R[]> {
  if (rows.length === 0) return [];
  return selectRows<R>(tx, sql`${jsonInsert(table, rows)} ${tail ?? sql``}`);
}

/** The `insert … select … from json_populate_recordset(…)` of `insertJsonRows`, to compose. */
export function jsonInsert<T extends PgTable>(table: T, rows: readonly T["$inferInsert"][]): SQL {
  const columns = getTableColumns(table);
  // Every key any row has: a key one row leaves out is null there, never dropped for all.
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k in columns);
  const names = keys.map((k) => columns[k]!.name);
  const json = rows.map((row) => {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const v = (row as Record<string, unknown>)[k];
      out[names[i]!] = v instanceof Date ? v.toISOString() : (v ?? null);
    });
    return out;
  });
  return sql`${sql.raw(insertHead(table, names))}${JSON.stringify(json)}::json)`;
}

// The statement's text up to its one parameter, per table and column list: built once, as
// drizzle's per-identifier building cost more than the rest of the batch's Node work.
const heads = new WeakMap<PgTable, Map<string, string>>();
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

function insertHead(table: PgTable, names: string[]): string {
  const byList = heads.get(table) ?? new Map<string, string>();
  heads.set(table, byList);
  const key = names.join(",");
  let head = byList.get(key);
  if (head === undefined) {
    const t = ident(getTableName(table));
    const list = names.map(ident).join(", ");
    head = `insert into ${t} (${list}) select ${list} from json_populate_recordset(null::${t}, `;
    byList.set(key, head);
  }
  return head;
}

/** `column = any('{…}'::uuid[])`: one parameter for any number of ids (the text is checked). */
export function anyUuid(column: SQLWrapper, ids: readonly string[]): SQL {
  return sql`${column} = any(${uuidArray(ids)})`;
}

/** A `uuid[]` parameter, as one array literal (the same text for every length; ids checked). */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`Not a uuid: ${id}`);
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}
