import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { ledgerEntries } from "@/db/schema";
import { deposit, entriesOf, learnerAccount } from "../support/ledger-integrity-fixtures";

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

const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

describe(`[LEDGER] ledger_entries is append-only in the database itself (${engine})`, () => {
  it("refuses UPDATE, and the row is unchanged", async () => {
    const acc = await learnerAccount();
    const [row] = await deposit(acc.id, 1);
    const db = await getDb();
    const refused = await refusal(() =>
      db.update(ledgerEntries).set({ creditsX100: 1 }).where(eq(ledgerEntries.id, row!.id)),
    );
    expect(refused).toMatchObject({ code: "42501" });
    expect(refused.message).toMatch(/UPDATE on ledger_entries is refused/);
    expect(await entriesOf(acc.id)).toEqual([row]);
  });

  it("refuses DELETE, and the row is still there", async () => {
    const acc = await learnerAccount();
    const rows = await deposit(acc.id, 2);
    const db = await getDb();
    const refused = await refusal(() =>
      db.delete(ledgerEntries).where(eq(ledgerEntries.accountId, acc.id)),
    );
    expect(refused).toMatchObject({ code: "42501" });
    expect(refused.message).toMatch(/DELETE on ledger_entries is refused/);
    expect(await entriesOf(acc.id)).toEqual(rows);
  });

  it("refuses TRUNCATE, even with CASCADE, and every row is still there", async () => {
    const acc = await learnerAccount();
    const rows = await deposit(acc.id, 1);
    const db = await getDb();
    // A plain TRUNCATE already fails on the credentials' foreign key; CASCADE would get past
    // that, and the trigger refuses it.
    expect((await refusal(() => db.execute(sql`truncate ledger_entries`))).code).toBeDefined();
    const refused = await refusal(() => db.execute(sql`truncate ledger_entries cascade`));
    expect(refused).toMatchObject({ code: "42501" });
    expect(refused.message).toMatch(/TRUNCATE on ledger_entries is refused/);
    expect(await entriesOf(acc.id)).toEqual(rows);
  });

  it("refuses a fork: a second entry with the same seq or the same prevHash", async () => {
    const acc = await learnerAccount();
    const [first] = await deposit(acc.id, 1);
    const db = await getDb();
    const sameSeq = await refusal(() =>
      db
        .insert(ledgerEntries)
        .values({ ...first!, id: crypto.randomUUID(), prevHash: "1".repeat(64) }),
    );
    expect(sameSeq.code).toBe("23505");
    const samePrev = await refusal(() =>
      db.insert(ledgerEntries).values({ ...first!, id: crypto.randomUUID(), seq: 2 }),
    );
    expect(samePrev.code).toBe("23505");
    expect(await entriesOf(acc.id)).toEqual([first]);
  });

  it("refuses a hash or prev_hash that is not 64 lower-case hex digits", async () => {
    const acc = await learnerAccount();
    const [first] = await deposit(acc.id, 1);
    const db = await getDb();
    const bad = [
      "F".repeat(64),
      "f".repeat(63),
      "f".repeat(65),
      `${"f".repeat(63)}g`,
      "é".repeat(32),
    ];
    for (const hash of bad) {
      const row = { ...first!, id: crypto.randomUUID(), seq: 2, prevHash: first!.hash, hash };
      expect((await refusal(() => db.insert(ledgerEntries).values(row))).code).toBe("23514");
      const prev = { ...first!, id: crypto.randomUUID(), seq: 2, prevHash: hash };
      expect((await refusal(() => db.insert(ledgerEntries).values(prev))).code).toBe("23514");
    }
    expect(await entriesOf(acc.id)).toEqual([first]);
  });
});
