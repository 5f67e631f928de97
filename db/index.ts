import fs from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { getEnv } from "@/lib/env";
import * as schema from "./schema";
import { acquirePgliteLock } from "./pglite-lock";
import { migrateDatabase } from "./migrate";
import { preparing } from "./prepared";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;
export type DbKind = "pglite" | "postgres";

type Handle = {
  db: Db;
  kind: DbKind;
  close: () => Promise<void>;
  // `db.transaction`, or on PostgreSQL one with BEGIN pipelined (db/pipelined.ts).
  pipelined: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>;
};

// The job queue (pg-boss) opens with the database: on PGlite it must share the one connection.
const jobs = () => import("@/lib/jobs/boss");

/** Connections of the pipelined (completion batch) transactions' own pool, on PostgreSQL. */
export const BATCH_CONNECTIONS = 4;

// One connection (pool) per process, kept on globalThis so dev reloads reuse it.
const store = globalThis as typeof globalThis & { __exchangeDb?: Promise<Handle> };

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { DATABASE_POOL_MAX: max, DATABASE_PREPARE: prepare } = getEnv();
  const client = postgres(url, { max, onnotice: () => {} });
  // The completion batches' transactions (db/pipelined.ts) on a few connections of their own:
  // postgres.js lends its idle connections oldest first, so once a burst had opened the whole
  // pool, consecutive batches went round every connection, each backend's caches cold again by
  // its turn (18–26% slower with 40 open; docs/BENCHMARKS.md, "Ledger deposits"). Each batch
  // stream (actor, institution, source) runs two at a time (lib/completions/record.ts): four serve
  // two streams at full speed, and more wait for a connection, never holding a lock meanwhile.
  const newBatchClient = () => {
    const c = postgres(url, { max: BATCH_CONNECTIONS, onnotice: () => {} });
    // drizzle set the pool's type handling (dates and json as text, both ways): the same here.
    Object.assign(c.options.parsers, client.options.parsers);
    Object.assign(c.options.serializers, client.options.serializers);
    return c;
  };
  // Migrations on PostgreSQL are `npm run db:migrate`'s job (under an advisory lock), pg-boss's
  // schema and queues included.
  const { startBoss, stopBoss } = await jobs();
  try {
    await startBoss({ kind: "postgres", url }, false);
  } catch (e) {
    await client.end();
    throw e;
  }
  const wrap = (c: Sql) => (prepare ? preparing(c) : c);
  const db = drizzle(wrap(client), { schema }) as unknown as Db;
  // Made after drizzle set the pool's type handling, which it copies.
  let batchClient = newBatchClient();
  // A connection of it cut mid-query (a backend terminated, a server restart): a new pool for
  // the batches, the old one closed. postgres.js would reconnect the cut connection with the
  // old query's state and replay its FATAL on the next transaction there, leaving that
  // connection stranded — four such and every batch would wait for ever (db/pipelined.ts).
  const batches = {
    client: () => batchClient,
    lost: (cut: Sql) => {
      if (cut !== batchClient) return; // replaced already (a restart cuts them all)
      batchClient = newBatchClient();
      void cut.end({ timeout: 5 }).catch(() => {});
    },
  };
  const { pipelinedTransaction, transactionOn } = await import("./pipelined");
  return {
    db,
    pipelined: (work) =>
      pipelinedTransaction(batches, wrap, (reserved) => transactionOn(db, reserved), work),
    kind: "postgres",
    close: async () => {
      await stopBoss();
      // A time limit: postgres.js waits for ever for a connection whose backend was terminated
      // mid-query (it keeps the query as in flight); after it, what is left is closed.
      await Promise.all([client.end({ timeout: 5 }), batchClient.end({ timeout: 5 })]);
    },
  };
}

async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const options = { extensions: { pg_trgm } };
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  let client;
  if (dir === "memory://") {
    // Tests start each in-memory database from one migrated copy (tests/support/global-setup.ts).
    const template = process.env.PGLITE_TEMPLATE;
    client = await PGlite.create(
      template ? { ...options, loadDataDir: new Blob([fs.readFileSync(template)]) } : options,
    );
  } else {
    const abs = path.resolve(dir);
    fs.mkdirSync(path.dirname(abs), { recursive: true }); // PGlite's own mkdir is not recursive
    release = acquirePgliteLock(abs);
    client = await PGlite.create(abs, options);
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  const { startBoss, stopBoss } = await jobs();
  try {
    await migrateDatabase(db, "pglite");
    await startBoss({ kind: "pglite", client }, true);
  } catch (e) {
    await client.close();
    release();
    throw e;
  }
  return {
    db,
    pipelined: (work) => db.transaction(work),
    kind: "pglite",
    close: async () => {
      await stopBoss();
      await client.close();
      release();
    },
  };
}

function open(): Promise<Handle> {
  // `next build` must never open (let alone migrate) a database: fail the build loudly instead.
  if (process.env.NEXT_PHASE === "phase-production-build") {
    return Promise.reject(new Error("The production build tried to open the database"));
  }
  const env = getEnv();
  if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL);
  return openPglite(env.PGLITE_DIR ?? path.join(env.DATA_DIR, "pglite"));
}

function handle(): Promise<Handle> {
  store.__exchangeDb ??= open().catch((e: unknown) => {
    store.__exchangeDb = undefined; // let the next request retry
    throw e;
  });
  return store.__exchangeDb;
}

export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

/**
 * A transaction for a hot path: on PostgreSQL its BEGIN goes out with its first statements
 * (db/pipelined.ts: no `rollback()` or nested transactions in it), on PGlite `db.transaction`.
 */
export async function pipelinedTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return (await handle()).pipelined(work);
}

export async function getDbKind(): Promise<DbKind> {
  return (await handle()).kind;
}

export async function closeDb(): Promise<void> {
  const h = store.__exchangeDb;
  store.__exchangeDb = undefined;
  if (h) await (await h).close();
}

/**
 * Raw SQL rows: postgres.js answers an array, PGlite an object with `rows`. Integers in them
 * differ by driver too (int8 is a string on postgres.js; a number, or a BigInt past 2^53, on PGlite): type such fields
 * `SqlInteger` and read them with toSafeInteger (lib/money/safe-integer.ts).
 */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
