import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, getDbKind, selectRows } from "@/db";
import { auditLog, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { createUser } from "../support/fixtures";

/** The PostgreSQL error under drizzle's wrapper (DrizzleQueryError keeps it as `cause`). */
async function refusal(run: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await run();
  } catch (e) {
    let err = e as { code?: string; message: string; cause?: unknown };
    while (err.cause && !err.code) err = err.cause as typeof err;
    return { code: err.code, message: err.message };
  }
  throw new Error("expected the database to refuse the statement");
}

async function insertEntry(targetId = randomUUID()) {
  const db = await getDb();
  await writeAudit(db, {
    actorId: null,
    action: "test.append_only",
    targetType: "test",
    targetId,
    after: { n: 1 },
  });
  return targetId;
}

const rowsOf = async (targetId: string) =>
  (await getDb()).select().from(auditLog).where(eq(auditLog.targetId, targetId));

const countAll = async () => {
  const [row] = await selectRows<{ n: SqlInteger }>(
    await getDb(),
    sql`select count(*) as n from audit_log`,
  );
  return toSafeInteger(row!.n);
};

describe(`[DB] audit_log is append-only in the database itself (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("accepts INSERT", async () => {
    const id = await insertEntry();
    const [row] = await rowsOf(id);
    expect(row).toMatchObject({ action: "test.append_only", after: { n: 1 } });
  });

  it("refuses UPDATE, by drizzle and by raw SQL, and the row is unchanged", async () => {
    const db = await getDb();
    const id = await insertEntry();
    const viaDrizzle = await refusal(() =>
      db.update(auditLog).set({ action: "rewritten" }).where(eq(auditLog.targetId, id)),
    );
    expect(viaDrizzle).toMatchObject({ code: "42501" });
    expect(viaDrizzle.message).toMatch(/UPDATE on audit_log is refused: the table is append-only/);
    const viaSql = await refusal(() => db.execute(sql`update audit_log set after = null`));
    expect(viaSql.message).toMatch(/UPDATE on audit_log is refused/);
    expect((await rowsOf(id))[0]).toMatchObject({ action: "test.append_only", after: { n: 1 } });
  });

  it("refuses DELETE, and the row is still there", async () => {
    const db = await getDb();
    const id = await insertEntry();
    const refused = await refusal(() => db.delete(auditLog).where(eq(auditLog.targetId, id)));
    expect(refused).toMatchObject({ code: "42501" });
    expect(refused.message).toMatch(/DELETE on audit_log is refused/);
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it("refuses TRUNCATE, and every row is still there", async () => {
    const db = await getDb();
    await insertEntry();
    const before = await countAll();
    const refused = await refusal(() => db.execute(sql`truncate audit_log`));
    expect(refused).toMatchObject({ code: "42501" });
    expect(refused.message).toMatch(/TRUNCATE on audit_log is refused/);
    expect(await countAll()).toBe(before);
  });

  it("refuses a rewrite inside a transaction, rolling the whole transaction back", async () => {
    const db = await getDb();
    const id = await insertEntry();
    const kept = randomUUID();
    const refused = await refusal(() =>
      db.transaction(async (tx) => {
        await writeAudit(tx, {
          actorId: null,
          action: "test.tx",
          targetType: "test",
          targetId: kept,
        });
        await tx.delete(auditLog).where(eq(auditLog.targetId, id));
      }),
    );
    expect(refused.message).toMatch(/DELETE on audit_log is refused/);
    expect(await rowsOf(id)).toHaveLength(1);
    expect(await rowsOf(kept)).toHaveLength(0);
  });

  it("also refuses the UPDATE that ON DELETE SET NULL makes: an audited actor cannot be deleted", async () => {
    // Recorded here so the consequence is known: people are erased by anonymising their row
    // (PRODUCT.md: no personal data in append-only tables), never by deleting it.
    const db = await getDb();
    const user = await createUser();
    const id = randomUUID();
    await writeAudit(db, {
      actorId: user.id,
      action: "test.actor",
      targetType: "test",
      targetId: id,
    });
    const refused = await refusal(() => db.delete(users).where(eq(users.id, user.id)));
    expect(refused.message).toMatch(/UPDATE on audit_log is refused/);
    expect((await rowsOf(id))[0]?.actorId).toBe(user.id);
  });

  it("runs on the engine the suite was asked for", async () => {
    expect(await getDbKind()).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
  });
});
