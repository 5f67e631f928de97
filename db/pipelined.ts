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
  // The pool to reserve from, and what to do when a connection of it was cut (db/index.ts).
  pool: { client: () => Sql; lost: (client: Sql) => void },
  wrap: (reserved: Sql) => Sql,
  toTx: (reserved: Sql) => Tx,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const client = pool.client();
  const reserved = await client.reserve();
  // The connection's close, watched as postgres.js's own `begin` watches it: the `onexecute`
  // hook hands over the connection, whose `onclose` the pool calls when its socket closes (a
  // backend terminated, a server restart). A closed connection is already back in the pool's
  // hands (to reconnect when next needed): nothing more is sent on it — postgres.js would write
  // it to the socket it dropped (an uncaught TypeError), and the batch would wait for ever — and
  // it is not released (it would stand among the open ones without a socket).
  let closed: unknown = null;
  let onClosed!: (e: unknown) => void;
  const closing = new Promise<never>((_, reject) => (onClosed = reject));
  closing.catch(() => {});
  let conn: Watched | null = null;
  const watch = (c: Watched) => {
    conn = c;
    c.onclose = (e) => {
      closed = e ?? new Error("The connection closed");
      onClosed(closed);
    };
    return true; // go on sending (postgres.js's contract for the hook)
  };
  try {
    // A statement the work sends after the close fails at once instead.
    const sql = wrap(unlessClosed(reserved, () => closed));
    // Sent now (a postgres.js query waits for `then` or `execute`), ahead of the work's first.
    const began = sql.unsafe("begin", [], { onexecute: watch } as never).execute();
    began.catch(() => {}); // its failure fails the work's statements, and is thrown below
    let result: T;
    try {
      const running = work(toTx(sql));
      running.catch(() => {}); // after a close, its failure comes later and is nobody's
      result = await Promise.race([running, closing]);
      await began;
    } catch (e) {
      if (!closed && !conn && lostCode(e)) closed = e; // the hook not run: by the error alone
      if (!closed) await sql.unsafe("rollback").catch(() => {});
      throw e;
    }
    if (closed) throw closed;
    // A transaction a failed statement aborted answers COMMIT with ROLLBACK, without an error:
    // never report as done what was undone (postgres.js's own `begin` fails it likewise).
    const ended = await Promise.race([sql.unsafe("commit"), closing]);
    if (ended.command !== "COMMIT") {
      throw new Error(`The transaction was rolled back (${ended.command}), not committed`);
    }
    return result;
  } finally {
    if (conn) (conn as Watched).onclose = null;
    if (!closed) reserved.release();
    else pool.lost(client);
  }
}

/** The reserved connection, refusing new statements once `closed()` has a reason. */
function unlessClosed(reserved: Sql, closed: () => unknown): Sql {
  return new Proxy(reserved, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== "unsafe" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const reason = closed();
        if (reason) throw reason;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The part of a postgres.js connection the close is watched through. */
type Watched = { onclose?: ((e: unknown) => void) | null };

/** postgres.js's own errors for a connection that closed, and the socket's. */
function lostCode(e: unknown): boolean {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, n = 0; x && n < 5; n++) {
    if (
      typeof x.code === "string" &&
      /^(CONNECTION_CLOSED|CONNECTION_DESTROYED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(x.code)
    ) {
      return true;
    }
    x = x.cause as typeof x;
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
