import { getTableColumns, getTableName, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { selectRows, type DbOrTx } from "@/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Insert many rows through one JSON parameter (`json_to_recordset`), for the hot batch
 * paths (a batch of completions writes four tables). Drizzle's multi-row insert binds every
 * field as its own parameter and builds the statement anew for each row count, which cost more
 * than the database's work; here the statement is the same for 1 or 200 rows and the rows go
 * as one `JSON.stringify`. Keys are the table's drizzle keys; a key left out of every row takes
 * the column's default, a key left out of some rows is null in those. Dates go as ISO strings
 * (milliseconds kept), json columns as their value.
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

/** The `insert … select … from json_to_recordset(…)` of `insertJsonRows`, to compose. */
export function jsonInsert<T extends PgTable>(table: T, rows: readonly T["$inferInsert"][]): SQL {
  // Every key any row has: a key one row leaves out is null there, never dropped for all.
  const keys = new Set<string>();
  for (const row of rows) {
    for (const k in row) if ((row as Record<string, unknown>)[k] !== undefined) keys.add(k);
  }
  // The rows go as they are: the statement names each JSON key with its column and type, so
  // nothing is copied here (Dates become ISO strings through their toJSON).
  const { head, tail } = statementText(table, [...keys]);
  return sql`${sql.raw(head)}${JSON.stringify(rows)}${sql.raw(tail)}`;
}

/** A quoted SQL identifier, for statement text built once (the names come from the schema). */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// The statement's text around its one parameter, per table and key list: built once, as
// drizzle's per-identifier building cost more than the rest of the batch's Node work.
const texts = new WeakMap<PgTable, Map<string, { head: string; tail: string }>>();

function statementText(table: PgTable, keys: string[]) {
  const byKeys = texts.get(table) ?? new Map<string, { head: string; tail: string }>();
  texts.set(table, byKeys);
  const id = keys.join("\u0000");
  let text = byKeys.get(id);
  if (!text) {
    const columns = getTableColumns(table);
    const known = keys.filter((k) => k in columns);
    const names = known.map((k) => quoteIdent(columns[k]!.name)).join(", ");
    const types = known.map((k) => `${quoteIdent(k)} ${columns[k]!.getSQLType()}`).join(", ");
    text = {
      head: `insert into ${quoteIdent(getTableName(table))} (${names}) select ${known
        .map(quoteIdent)
        .join(", ")} from json_to_recordset(`,
      tail: `::json) as x(${types})`,
    };
    byKeys.set(id, text);
  }
  return text;
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
