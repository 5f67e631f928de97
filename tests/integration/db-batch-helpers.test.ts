import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import * as s from "@/db/schema";
import { anyUuid, insertJsonRows } from "@/lib/db/json-rows";

const onPostgres = !!process.env.DATABASE_URL;

describe("rows through one JSON parameter (lib/db/json-rows)", () => {
  it("keeps milliseconds, nested json, nulls and text exactly; a key left out takes its default", async () => {
    const db = await getDb();
    const target = crypto.randomUUID();
    const at = new Date("2026-02-03T04:05:06.789Z");
    const after = { quote: 'say "hi"\\', zh: "学分银行 ✓", n: [1, 2.5, null], deep: { ok: true } };
    const back = await insertJsonRows<typeof s.auditLog, { id: string }>(
      db,
      s.auditLog,
      [
        {
          actorId: null,
          action: "test.json",
          targetType: "t",
          targetId: target,
          before: null,
          after,
          createdAt: at,
        },
        {
          actorId: null,
          action: "test.json",
          targetType: "t",
          targetId: target,
          before: "x",
          after: null,
          createdAt: at,
        },
      ],
      sql`returning id`,
    );
    expect(back).toHaveLength(2);
    const rows = await db.select().from(s.auditLog).where(eq(s.auditLog.targetId, target));
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r.before === null)!;
    expect(first.createdAt.toISOString()).toBe("2026-02-03T04:05:06.789Z");
    expect(first.after).toEqual(after);
    expect(rows.find((r) => r.before !== null)!).toMatchObject({ before: "x", after: null });
    // `id` was left out: the column default made one for each row.
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it("a key only a later row has is written for that row, null for the first", async () => {
    const db = await getDb();
    const target = crypto.randomUUID();
    await insertJsonRows(db, s.auditLog, [
      { action: "test.keys", targetType: "t", targetId: target },
      { action: "test.keys", targetType: "t", targetId: target, before: "only here" },
    ]);
    const rows = await db.select().from(s.auditLog).where(eq(s.auditLog.targetId, target));
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.before)).toEqual(expect.arrayContaining(["only here", null]));
    // A key that is undefined in every row is left out: the column takes its default.
    const at = crypto.randomUUID();
    await insertJsonRows(db, s.auditLog, [
      { action: "test.keys", targetType: "t", targetId: at, createdAt: undefined },
    ]);
    const [row] = await db.select().from(s.auditLog).where(eq(s.auditLog.targetId, at));
    expect(row!.createdAt).toBeInstanceOf(Date);
  });

  it("any(uuid[]) finds the rows named, whatever their number, and refuses a non-uuid before SQL", async () => {
    const db = await getDb();
    const made = await db
      .insert(s.auditLog)
      .values([1, 2, 3].map((n) => ({ action: "test.any", targetType: "t", targetId: `${n}` })))
      .returning({ id: s.auditLog.id });
    const ids = made.slice(0, 2).map((r) => r.id);
    const found = await db.select().from(s.auditLog).where(anyUuid(s.auditLog.id, ids));
    expect(found.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(() => anyUuid(s.auditLog.id, ["1' or '1'='1"])).toThrow(/Not a uuid/);
    expect(await db.select().from(s.auditLog).where(anyUuid(s.auditLog.id, []))).toEqual([]);
  });
});

describe.runIf(onPostgres)("credential payloads on PostgreSQL (migration 0009)", () => {
  it("are json (no jsonb parse on insert), compressed with lz4", async () => {
    const db = await getDb();
    const [col] = await selectRows<{ type: string; compression: string }>(
      db,
      sql`select format_type(atttypid, atttypmod) as type, attcompression::text as compression
        from pg_attribute where attrelid = 'credentials'::regclass and attname = 'payload'`,
    );
    expect(col).toEqual({ type: "json", compression: "l" });
  });
});

describe.runIf(onPostgres)("prepared statements on PostgreSQL (db/prepared.ts)", () => {
  it("prepares the pool's statements, in transactions and savepoints too", async () => {
    const db = await getDb();
    const marker = `prepared_${Date.now()}`;
    const prepared = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0]) =>
      selectRows<{ statement: string }>(
        tx,
        sql`select statement from pg_prepared_statements where statement like ${`%${marker}%`}`,
      );
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as ${sql.raw(marker)}`);
      expect((await prepared(tx)).length).toBeGreaterThanOrEqual(1);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${2}::int as ${sql.raw(`${marker}_inner`)}`);
        const inside = await prepared(inner);
        expect(inside.some((r) => r.statement.includes(`${marker}_inner`))).toBe(true);
      });
    });
  });
});
