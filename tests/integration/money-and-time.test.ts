import { eq, sql } from "drizzle-orm";
import { PgDialect, getTableConfig, integer, pgTable } from "drizzle-orm/pg-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, selectRows, type Tx } from "@/db";
import { creditStandard, users } from "@/db/schema";
import { signUp, verifyEmail } from "@/lib/accounts/service";
import { moneyBigint, moneyRangeCheck } from "@/lib/money/bigint-column";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { monthPeriodOf } from "@/lib/time/periods";
import { tokenFromMail, uniqueEmail } from "../support/fixtures";

const MAX = Number.MAX_SAFE_INTEGER;
const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

// A table as the next issues will declare order totals, created only inside a rolled-back
// transaction (one connection, so the temporary table is visible to every statement).
const probe = pgTable(
  "money_probe",
  { id: integer("id").notNull(), totalMinor: moneyBigint("total_minor").notNull() },
  (t) => [moneyRangeCheck("money_probe_total", t.totalMinor)],
);
const checkSql = new PgDialect().sqlToQuery(getTableConfig(probe).checks[0]!.value).sql;

class Rollback extends Error {}

async function inRolledBackTx(run: (tx: Tx) => Promise<void>) {
  const db = await getDb();
  await expect(
    db.transaction(async (tx) => {
      await tx.execute(
        sql.raw(`create temp table money_probe (id integer not null, total_minor bigint not null,
                 constraint money_probe_total check (${checkSql}))`),
      );
      await run(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
}

/** The SQLSTATE of a refused statement, run in a savepoint so the transaction goes on. */
async function sqlState(tx: Tx, run: (tx: Tx) => Promise<unknown>): Promise<string | undefined> {
  try {
    await tx.transaction(async (sp) => {
      await run(sp);
    });
  } catch (e) {
    let err = e as { code?: string; cause?: unknown };
    while (err.cause && !err.code) err = err.cause as typeof err;
    return err.code;
  }
  return undefined;
}

describe(`[DB] money columns hold exactly what JavaScript can (${engine})`, () => {
  it("stores 2^53 − 1 and reads it exactly, typed and raw; refuses 2^53 and negatives", async () => {
    await inRolledBackTx(async (tx) => {
      await tx.insert(probe).values({ id: 1, totalMinor: MAX });
      const [typed] = await tx.select().from(probe).where(eq(probe.id, 1));
      expect(typed?.totalMinor).toBe(MAX);
      // Raw SQL: postgres.js answers int8 as a string; PGlite as a number while it is safe and
      // as a BigInt beyond. Each reads the same through toSafeInteger.
      const [raw] = await selectRows<{ total: SqlInteger }>(
        tx,
        sql`select total_minor as total from money_probe where id = 1`,
      );
      expect(typeof raw!.total).toBe(engine === "PostgreSQL" ? "string" : "number");
      expect(toSafeInteger(raw!.total)).toBe(MAX);
      const [beyond] = await selectRows<{ n: SqlInteger }>(
        tx,
        sql`select ${"9007199254740993"}::bigint as n`,
      );
      expect(typeof beyond!.n).toBe(engine === "PostgreSQL" ? "string" : "bigint");
      expect(() => toSafeInteger(beyond!.n)).toThrow(RangeError);

      const over = sql`insert into money_probe values (2, ${"9007199254740992"}::bigint)`;
      expect(await sqlState(tx, (sp) => sp.execute(over))).toBe("23514"); // check_violation
      const negative = sql`insert into money_probe values (3, -1)`;
      expect(await sqlState(tx, (sp) => sp.execute(negative))).toBe("23514");
    });
  });

  it("a sum beyond 2^53 − 1 fails loudly on reading instead of rounding", async () => {
    await inRolledBackTx(async (tx) => {
      await tx.insert(probe).values([
        { id: 1, totalMinor: MAX },
        { id: 2, totalMinor: 2 },
      ]);
      const [row] = await selectRows<{ s: SqlInteger }>(
        tx,
        sql`select sum(total_minor)::bigint as s from money_probe`,
      );
      expect(() => toSafeInteger(row!.s, "sum")).toThrow(/sum is beyond/);
    });
  });
});

describe(`[TIME] the alliance time zone and the application clock (${engine})`, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the zone from the credit standard at request time, not once for good", async () => {
    const db = await getDb();
    expect(await getAllianceTimeZone()).toBe("Asia/Shanghai");
    await db
      .update(creditStandard)
      .set({ timeZone: "Europe/Berlin" })
      .where(eq(creditStandard.id, 1));
    try {
      const zone = await getAllianceTimeZone();
      expect(zone).toBe("Europe/Berlin");
      // 31 March 22:30 UTC is already April in Berlin (summer time, UTC+2).
      expect(monthPeriodOf(new Date("2027-03-31T22:30:00Z"), zone).month).toBe(4);
    } finally {
      await db
        .update(creditStandard)
        .set({ timeZone: "Asia/Shanghai" })
        .where(eq(creditStandard.id, 1));
    }
  });

  it("refuses a zone the runtime does not know, rather than guessing", async () => {
    const db = await getDb();
    await db
      .update(creditStandard)
      .set({ timeZone: "Mars/Olympus" })
      .where(eq(creditStandard.id, 1));
    try {
      await expect(getAllianceTimeZone()).rejects.toThrow(/not an IANA zone: Mars\/Olympus/);
    } finally {
      await db
        .update(creditStandard)
        .set({ timeZone: "Asia/Shanghai" })
        .where(eq(creditStandard.id, 1));
    }
  });

  it("stamps an e-mail verification with the application's clock, not SQL now()", async () => {
    const email = uniqueEmail("clock");
    await signUp({ name: "Clock", email, password: "long enough pw" }, "en");
    const token = await tokenFromMail(email, /\/verify-email\?token=([\w-]+)/);
    // A minute ahead of the database's clock (the token stays valid). Only Date is faked: the
    // database drivers' own timers keep running.
    const at = new Date(Date.now() + 60_000);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(at);
    await verifyEmail(token);
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.emailVerifiedAt?.toISOString()).toBe(at.toISOString());
  });
});
