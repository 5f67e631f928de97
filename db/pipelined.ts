import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import type { Db, Tx } from "./index";

/**
 * A transaction whose BEGIN goes out with its first statements instead of a round trip ahead of
 * them (postgres.js's `begin` waits for BEGIN's answer before running the callback): the
 * connection is reserved, BEGIN is sent, and the work's statements follow it on the wire; COMMIT
 * when the work resolves, ROLLBACK when it throws. For a hot path only (the completion batch,
 * four round trips instead of five): the transaction object is a drizzle database on the reserved
 * connection, with no `rollback()` or nested `transaction()` (throw to roll back).
 */
export async function pipelinedTransaction<T>(
  client: Sql,
  wrap: (reserved: Sql) => Sql,
  toTx: (reserved: Sql) => Tx,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const reserved = await client.reserve();
  let lost = false;
  try {
    const sql = wrap(reserved);
    // Sent now (a postgres.js query waits for `then` or `execute`), ahead of the work's first.
    const began = sql.unsafe("begin").execute();
    began.catch(() => {}); // its failure fails the work's statements, and is thrown below
    let result: T;
    try {
      result = await work(toTx(sql));
      await began;
    } catch (e) {
      // A connection that is gone has nothing to undo, and a statement sent on it would never be
      // answered: postgres.js would write it to the socket it dropped (an uncaught TypeError),
      // and the batch would wait for ever.
      lost = connectionLost(e);
      if (!lost) await sql.unsafe("rollback").catch(() => {});
      throw e;
    }
    // A transaction a failed statement aborted answers COMMIT with ROLLBACK, without an error:
    // never report as done what was undone (postgres.js's own `begin` fails it likewise).
    // A connection cut now (a backend terminated between statements answers the next one with
    // its FATAL): not committed as far as this side knows; the caller's retry decides.
    const ended = await sql.unsafe("commit").catch((e: unknown) => {
      lost = connectionLost(e);
      throw e;
    });
    if (ended.command !== "COMMIT") {
      throw new Error(`The transaction was rolled back (${ended.command}), not committed`);
    }
    return result;
  } finally {
    // postgres.js took a closed connection back already (to reconnect it when next needed);
    // released again, it would stand among the open ones without a socket.
    if (!lost) reserved.release();
  }
}

/** The socket closed (the backend was terminated, the server restarted) or the server ended it. */
function connectionLost(e: unknown): boolean {
  type Failure = { code?: unknown; severity?: unknown; cause?: unknown };
  for (let x = e as Failure | undefined, depth = 0; x && depth < 5; depth++) {
    if (x.severity === "FATAL" || x.severity === "PANIC") return true;
    if (typeof x.code === "string" && /^(CONNECTION_|08|57P0)/.test(x.code)) return true;
    x = x.cause as Failure | undefined;
  }
  return false;
}

/**
 * A drizzle transaction object on a connection the caller has begun a transaction on: what
 * drizzle's own `transaction()` builds on postgres.js's `begin` connection, from the pool's
 * session (its dialect, relational schema and options).
 */
export function transactionOn(db: Db, reserved: Sql): Tx {
  type Session = ConstructorParameters<typeof PostgresJsSession>;
  const pool = (db as unknown as { session: unknown }).session as {
    dialect: Session[1];
    schema: Session[2];
    options: Session[3];
  };
  // The reserved connection stands where drizzle puts postgres.js's `begin` connection; neither
  // is asked for a savepoint here (no nested transactions on this path).
  const conn = reserved as unknown as Session[0];
  const session = new PostgresJsSession(conn, pool.dialect, pool.schema, pool.options);
  return new PostgresJsTransaction(
    pool.dialect,
    session as unknown as ConstructorParameters<typeof PostgresJsTransaction>[1],
    pool.schema,
  ) as unknown as Tx;
}
