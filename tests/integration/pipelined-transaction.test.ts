import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BATCH_CONNECTIONS,
  getDb,
  getDbKind,
  pipelinedTransaction,
  selectRows,
  type Tx,
} from "@/db";
import { institutions } from "@/db/schema";
import { createInstitution } from "../support/fixtures";

// Opening (and migrating) the database can take long on a busy machine: a hook, not a test.
beforeAll(async () => {
  await getDb();
});

const websiteOf = async (id: string) => {
  const db = await getDb();
  const [row] = await db
    .select({ website: institutions.website })
    .from(institutions)
    .where(eq(institutions.id, id));
  return row!.website;
};

const setWebsite = (tx: Tx, id: string, website: string) =>
  tx.update(institutions).set({ website }).where(eq(institutions.id, id));

describe(`[DB] a transaction with its BEGIN pipelined (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("runs its statements in one transaction and commits when the work resolves", async () => {
    const inst = await createInstitution();
    const seen = await pipelinedTransaction(async (tx) => {
      await setWebsite(tx, inst.id, "https://committed.example");
      // Two statements, one transaction: the same transaction timestamp and id.
      const [a] = await selectRows<{ at: string; xid: string }>(
        tx,
        sql`select now()::text as at, txid_current()::text as xid`,
      );
      await new Promise((r) => setTimeout(r, 20));
      const [b] = await selectRows<{ at: string; xid: string }>(
        tx,
        sql`select now()::text as at, txid_current()::text as xid`,
      );
      return { a, b };
    });
    expect(seen.b).toEqual(seen.a);
    expect(await websiteOf(inst.id)).toBe("https://committed.example");
  });

  it("sends and reads json and dates as the pool does", async () => {
    // (The batches' own pool on PostgreSQL takes its type handling from the main pool's.)
    const rows = [{ a: 1, at: "2026-12-01T10:00:00.000Z" }];
    const [seen] = await pipelinedTransaction((tx) =>
      selectRows<{ a: number; at: string; day: string }>(
        tx,
        sql`select x.a, x.at::text as at, date '2026-12-01' as day
          from json_to_recordset(${JSON.stringify(rows)}::json) as x(a int, at timestamptz)`,
      ),
    );
    expect(seen!.a).toBe(1);
    expect(seen!.day).toBe("2026-12-01");
  });

  it("rolls back everything when the work throws, and when a statement fails", async () => {
    const inst = await createInstitution();
    const before = await websiteOf(inst.id);
    const thrown = new Error("changed my mind");
    await expect(
      pipelinedTransaction(async (tx) => {
        await setWebsite(tx, inst.id, "https://rolled-back.example");
        throw thrown;
      }),
    ).rejects.toBe(thrown);
    expect(await websiteOf(inst.id)).toBe(before);
    await expect(
      pipelinedTransaction(async (tx) => {
        await setWebsite(tx, inst.id, "https://rolled-back.example");
        await tx.execute(sql`select 1 / 0`);
      }),
    ).rejects.toThrow();
    expect(await websiteOf(inst.id)).toBe(before);
    // The connection is fine afterwards (released, not left in an aborted transaction).
    for (let i = 0; i < 3; i++) {
      expect(
        await pipelinedTransaction(async (tx) => selectRows(tx, sql`select 1 as one`)),
      ).toEqual([{ one: 1 }]);
    }
  });

  it("never reports as committed what a failed statement rolled back", async () => {
    const inst = await createInstitution();
    const before = await websiteOf(inst.id);
    // The work swallows the failure: the transaction is aborted all the same.
    const outcome = await pipelinedTransaction(async (tx) => {
      await setWebsite(tx, inst.id, "https://lost.example");
      await tx.execute(sql`select 1 / 0`).catch(() => {});
      return "done";
    }).then(
      (v) => v,
      (e: unknown) => `failed: ${(e as Error).message}`,
    );
    expect(outcome).toMatch(/^failed: /);
    expect(await websiteOf(inst.id)).toBe(before);
  });

  it("on PostgreSQL, holds its locks until it commits", async () => {
    if ((await getDbKind()) !== "postgres") return; // PGlite runs one transaction at a time
    const inst = await createInstitution();
    const db = await getDb();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    const first = pipelinedTransaction(async (tx) => {
      await tx.execute(sql`select id from institutions where id = ${inst.id}::uuid for update`);
      locked();
      await gate;
    });
    await holding;
    let settled = false;
    const second = db
      .transaction((tx) =>
        tx.execute(sql`select id from institutions where id = ${inst.id}::uuid for update nowait`),
      )
      .then(
        () => "locked",
        () => "refused",
      )
      .finally(() => (settled = true));
    expect(await second).toBe("refused");
    expect(settled).toBe(true);
    release();
    await first;
  });

  it.skipIf(!process.env.DATABASE_URL)(
    "on PostgreSQL, runs on a few connections of its own, however many the pool has open",
    async () => {
      const db = await getDb();
      // A burst that opens many of the pool's connections: postgres.js lends its idle ones
      // oldest first, so on the shared pool each transaction below went to another, cold one.
      const burst = await Promise.all(
        Array.from({ length: 16 }, () =>
          selectRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid, pg_sleep(0.05)`),
        ),
      );
      expect(new Set(burst.map((r) => r[0]!.pid)).size).toBeGreaterThan(BATCH_CONNECTIONS);
      const pids = new Set<number>();
      for (let i = 0; i < 3 * BATCH_CONNECTIONS; i++) {
        const [row] = await pipelinedTransaction((tx) =>
          selectRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`),
        );
        pids.add(row!.pid);
      }
      expect(pids.size).toBeLessThanOrEqual(BATCH_CONNECTIONS);
    },
  );

  it.skipIf(!process.env.DATABASE_URL)(
    "on PostgreSQL, fails at once when its connection is cut, and the next ones run",
    async () => {
      const pidIn = (tx: Tx) =>
        selectRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`).then((r) => r[0]!.pid);
      let cut = 0;
      // (Before: ROLLBACK written to the dropped socket, an uncaught TypeError, and a
      // transaction that never settled.)
      await expect(
        pipelinedTransaction(async (tx) => {
          cut = await pidIn(tx);
          await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
        }),
      ).rejects.toThrow();
      // More at once than the batches' pool has connections (so the cut one is reconnected):
      // each settles (postgres.js may fail one with the cut backend's FATAL; a batch that fails
      // is re-run result by result).
      await Promise.allSettled(
        Array.from({ length: 3 * BATCH_CONNECTIONS }, () => pipelinedTransaction(pidIn)),
      );
      // Cut while the work is between statements (from another session): it fails once the
      // close arrives, and its next statement is refused rather than written to the dropped
      // socket (an uncaught error, and a transaction that never settled).
      const db = await getDb();
      let next!: Promise<unknown>;
      await expect(
        pipelinedTransaction(async (tx) => {
          const pid = await pidIn(tx);
          await db.execute(sql`select pg_terminate_backend(${pid}::int)`);
          await new Promise((r) => setTimeout(r, 300));
          next = tx.execute(sql`select 1`);
          await next;
        }),
      ).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 400));
      await expect(next).rejects.toThrow();
      // Then every connection of the pool serves at once: none leaked, none without a socket.
      const pids = await Promise.all(
        Array.from({ length: BATCH_CONNECTIONS }, () =>
          pipelinedTransaction((tx) =>
            selectRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid, pg_sleep(0.2)`),
          ),
        ),
      );
      expect(new Set(pids.map((r) => r[0]!.pid)).size).toBe(BATCH_CONNECTIONS);
      expect(pids.map((r) => r[0]!.pid)).not.toContain(cut);
    },
  );
});
