import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { adminRefundLine } from "@/lib/commerce/seller-refunds";
import { voidCompletion } from "@/lib/completions/correct";
import { recordCompletion } from "@/lib/completions/record";
import { setCredentialStatus } from "@/lib/credentials/status";
import { jobHandlers } from "@/lib/jobs/handlers";
import { schedules, topics } from "@/lib/jobs/topics";
import { computeBalances } from "@/lib/ledger/balances";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { expireLapsedDeposits } from "@/lib/ledger/expiry";
import { verifyLedger } from "@/lib/ledger/verify";
import { learner, sellerWithCourse } from "../support/commerce-fixtures";
import { boughtCourse, entriesOf, today } from "../support/completion-fixtures";
import {
  cancellersOf,
  depositOn,
  kindsOf,
  setValidity,
  shanghai,
} from "../support/expiry-fixtures";
import { appendFor, depositFor, suspendCredentialOf } from "../support/ledger-fixtures";
import {
  dropCheckpointsAfter,
  lastCheckpointNumber,
  learnerAccount,
} from "../support/ledger-integrity-fixtures";

const onPostgres = !!process.env.DATABASE_URL;

// The credit standard and the checkpoints are shared with later files on a PostgreSQL database.
let firstCheckpoint = 0;
beforeAll(async () => {
  firstCheckpoint = await lastCheckpointNumber();
  await setValidity(2);
});
afterAll(async () => {
  await setValidity(null);
  await dropCheckpointsAfter(firstCheckpoint);
});

describe("[LEDGER] credit expiry: which deposits lapse, and when", () => {
  it("writes nothing while the credit standard sets no validity, however old the deposit", async () => {
    await setValidity(null);
    try {
      const acc = await learnerAccount();
      const old = await depositOn(acc.id, "2001-05-01");
      expect(await expireLapsedDeposits(shanghai("2040-01-01"))).toEqual({
        expired: 0,
        day: null,
      });
      expect(await cancellersOf(old.id)).toEqual([]);
    } finally {
      await setValidity(2);
    }
  });

  it("lapses a deposit on its completion date + 2 years by the alliance's day, not UTC's", async () => {
    const acc = await learnerAccount();
    const due = await depositOn(acc.id, "2030-03-11");
    const younger = await depositOn(acc.id, "2030-03-12");
    // 23:59:59 on 10 March in Shanghai: not yet.
    await expireLapsedDeposits(new Date("2032-03-10T15:59:59Z"));
    expect(await cancellersOf(due.id)).toEqual([]);
    // 00:00 on 11 March in Shanghai, still 10 March in UTC: the deposit lapses today.
    const run = await expireLapsedDeposits(new Date("2032-03-10T16:00:00Z"));
    expect(run.day).toBe("2032-03-11");
    expect(await kindsOf(due.id)).toEqual(["expiry"]);
    expect(await cancellersOf(younger.id)).toEqual([]);
    await expireLapsedDeposits(shanghai("2032-03-12", "00:00"));
    expect(await kindsOf(younger.id)).toEqual(["expiry"]);
  });

  it("lapses a deposit of 29 February on 28 February (PostgreSQL's year arithmetic)", async () => {
    const acc = await learnerAccount();
    const leap = await depositOn(acc.id, "2028-02-29");
    await expireLapsedDeposits(shanghai("2030-02-27"));
    expect(await cancellersOf(leap.id)).toEqual([]);
    await expireLapsedDeposits(shanghai("2030-02-28", "00:01"));
    expect(await kindsOf(leap.id)).toEqual(["expiry"]);
  });

  it("skips a reversed deposit and a recognised one; a frozen one waits for its dispute to close", async () => {
    const me = await learner();
    const reversed = await depositFor(me, await sellerWithCourse(), { completedOn: "2033-01-10" });
    await appendFor(me.userId, {
      kind: "reversal",
      creditsX100: -reversed.entry.creditsX100,
      reversesEntryId: reversed.entry.id,
    });
    const recognised = await depositFor(me, await sellerWithCourse(), {
      completedOn: "2033-01-10",
    });
    await appendFor(me.userId, {
      kind: "recognition",
      creditsX100: recognised.entry.creditsX100,
      completionId: recognised.completion.id,
      targetInstitutionId: randomUUID(),
      targetCourseCode: "MATH-201",
    });
    const frozen = await depositFor(me, await sellerWithCourse(), {
      completedOn: "2033-01-10",
      credential: true,
    });
    await suspendCredentialOf(frozen.completion.id);

    const at = shanghai("2035-01-10");
    await expireLapsedDeposits(at);
    expect(await kindsOf(reversed.entry.id)).toEqual(["reversal"]);
    expect(await cancellersOf(recognised.entry.id)).toEqual([]);
    expect(await cancellersOf(frozen.entry.id)).toEqual([]);

    // The dispute is won: the credential is current again, and the next run expires the deposit.
    const db = await getDb();
    await db.transaction((tx) =>
      setCredentialStatus(tx, [frozen.completion.id], "active", "dispute won"),
    );
    await expireLapsedDeposits(at);
    expect(await kindsOf(frozen.entry.id)).toEqual(["expiry"]);
    expect(await cancellersOf(recognised.entry.id)).toEqual([]);
  });
});

describe("[LEDGER] credit expiry: the entry, the balance, the chain", () => {
  it("cancels each deposit exactly once, copying it; the balance drops by it; chains verify", async () => {
    await writeCheckpoint();
    const me = await learner();
    const a = await depositFor(me, await sellerWithCourse({ creditsX100: 300 }), {
      completedOn: "2036-06-01",
      credential: true,
    });
    const b = await depositFor(me, await sellerWithCourse({ creditsX100: 150, level: 4 }), {
      completedOn: "2036-06-02",
    });
    const db = await getDb();
    const accountId = a.entry.accountId;
    expect((await computeBalances(db, accountId)).banked.creditsX100).toBe(450);

    const at = shanghai("2038-06-02");
    // Pages of one deposit: the account's two deposits come in two pages.
    const first = await expireLapsedDeposits(at, { pageSize: 1 });
    expect(first.expired).toBeGreaterThanOrEqual(2);
    expect(await expireLapsedDeposits(at)).toEqual({ expired: 0, day: "2038-06-02" });

    const [expiryA] = await cancellersOf(a.entry.id);
    expect(expiryA).toMatchObject({
      kind: "expiry",
      creditsX100: -300,
      level: a.entry.level,
      fieldCode: a.entry.fieldCode,
      sourceInstitutionId: a.entry.sourceInstitutionId,
      actingInstitutionId: null,
      resourceId: a.entry.resourceId,
      resourceVersionId: a.entry.resourceVersionId,
      enrolmentId: a.entry.enrolmentId,
      completionId: a.entry.completionId,
      titleZh: a.entry.titleZh,
      titleEn: a.entry.titleEn,
      scoreX100: null,
      completedOn: null,
      accountId,
    });
    expect(await kindsOf(b.entry.id)).toEqual(["expiry"]);

    // Banked credits drop by exactly the deposits, by level too; the achievement stands.
    const after = await computeBalances(db, accountId);
    expect(after.banked).toEqual({ creditsX100: 0, frozenX100: 0 });
    expect(after.byLevel).toEqual([]);
    const [credential] = await db
      .select({ status: s.credentials.status })
      .from(s.credentials)
      .where(eq(s.credentials.completionId, a.completion.id));
    expect(credential!.status).toBe("active");

    // One audit row for the run that wrote, none for the one that found nothing.
    const audits = await db
      .select({ after: s.auditLog.after, actorId: s.auditLog.actorId })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, "ledger.expired"), eq(s.auditLog.targetId, "2038-06-02")));
    expect(audits).toEqual([
      { actorId: null, after: { expired: first.expired, day: "2038-06-02", validityYears: 2 } },
    ]);

    await writeCheckpoint();
    const report = await verifyLedger({ db });
    expect(report.entryProblems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("a correction or refund after expiry writes no reversal, and the balance stays at 0", async () => {
    const corrected = await boughtCourse();
    const refunded = await boughtCourse();
    for (const fx of [corrected, refunded]) {
      await recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId: fx.enrolment.id, score: "90", completedOn: today() },
        "ui",
      );
    }
    // Two years and a few days on, whatever today is.
    await expireLapsedDeposits(new Date(Date.now() + 735 * 24 * 3600_000));
    const [pass] = await entriesOf(corrected.enrolment.id);
    const { reversalIds } = await voidCompletion(corrected.registrar, {
      completionId: pass!.completionId,
      reason: "wrong sheet",
    });
    expect(reversalIds).toEqual([]);
    const db = await getDb();
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, refunded.orderId));
    await adminRefundLine(refunded.admin, { lineId: line!.id, reason: "learner asked" });

    for (const fx of [corrected, refunded]) {
      const entries = await entriesOf(fx.enrolment.id);
      expect(entries.map((e) => [e.kind, e.creditsX100])).toEqual([
        ["deposit", 300],
        ["expiry", -300],
      ]);
      const balances = await computeBalances(db, entries[0]!.accountId);
      expect(balances.banked).toEqual({ creditsX100: 0, frozenX100: 0 });
    }
  });
});

describe.runIf(onPostgres)("[LEDGER] credit expiry: two runs at once on PostgreSQL", () => {
  it("write exactly one expiry per lapsed deposit (50 deposits, 10 accounts)", async () => {
    const accounts = [];
    const deposits = [];
    for (let a = 0; a < 10; a++) {
      const acc = await learnerAccount();
      accounts.push(acc);
      for (let i = 1; i <= 5; i++) deposits.push(await depositOn(acc.id, `2040-09-0${i}`));
    }
    const at = shanghai("2042-09-05");
    // Small pages, so the two runs overlap on many accounts.
    const runs = await Promise.all([
      expireLapsedDeposits(at, { pageSize: 7 }),
      expireLapsedDeposits(at, { pageSize: 7 }),
    ]);
    const db = await getDb();
    const expiries = await db
      .select()
      .from(s.ledgerEntries)
      .where(
        and(
          eq(s.ledgerEntries.kind, "expiry"),
          inArray(
            s.ledgerEntries.reversesEntryId,
            deposits.map((d) => d.id),
          ),
        ),
      );
    expect(expiries).toHaveLength(50);
    expect(new Set(expiries.map((e) => e.reversesEntryId)).size).toBe(50);
    expect(runs[0].expired + runs[1].expired).toBeGreaterThanOrEqual(50);
    for (const acc of accounts) {
      expect((await computeBalances(db, acc.id)).banked.creditsX100).toBe(0);
    }
    const report = await verifyLedger({ db });
    expect(report.entryProblems).toEqual([]);
  }, 60_000);
});

describe("[LEDGER] credit expiry: the daily job", () => {
  it("is scheduled once a day and its handler expires what lapsed by today", async () => {
    expect(topics["ledger.expire"].payload.parse({})).toEqual({});
    expect(schedules).toContainEqual({
      topic: "ledger.expire",
      cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/),
    });
    const acc = await learnerAccount();
    const [y, m, d] = today().split("-").map(Number) as [number, number, number];
    // Exactly two years before today in the alliance's zone (29 February has no such day).
    const twoYearsAgo = `${y - 2}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    const lapsed = await depositOn(acc.id, m === 2 && d === 29 ? `${y - 2}-02-28` : twoYearsAgo);
    const fresh = await depositOn(acc.id, today());
    await jobHandlers["ledger.expire"]([{}]);
    expect(await kindsOf(lapsed.id)).toEqual(["expiry"]);
    expect(await cancellersOf(fresh.id)).toEqual([]);
  });
});
