import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { computeBalances } from "@/lib/ledger/balances";
import { setNameOnCredentials } from "@/lib/ledger/name-on-credentials";
import { getMyLedger, getMyTranscript, listMyCredentials } from "@/lib/ledger/queries";
import { isAccountNumber } from "@/lib/ledger/account-number";
import { createInstitution } from "../support/fixtures";
import { learner, sellerWithCourse } from "../support/commerce-fixtures";
import { appendFor, depositFor, suspendCredentialOf } from "../support/ledger-fixtures";

beforeAll(async () => {
  await getDb();
});

const ref = (i: { slug: string; nameZh: string; nameEn: string }) => ({
  slug: i.slug,
  nameZh: i.nameZh,
  nameEn: i.nameEn,
});

describe("[LEDGER] balances", () => {
  it("bank deposits, reversals and expiries by level, field and source; recognitions apart", async () => {
    const me = await learner();
    const a = await sellerWithCourse({ level: 6, fieldCode: "041", creditsX100: 300 });
    const b = await sellerWithCourse({ level: 5, fieldCode: "061", creditsX100: 200 });
    const c = await sellerWithCourse({ level: 6, fieldCode: "041", creditsX100: 150 });
    const target = await createInstitution();
    const dA = await depositFor(me, a);
    const dB = await depositFor(me, b);
    const dC = await depositFor(me, c);
    // A reversal and an expiry that repeat nothing of their deposit: they count where it counts.
    await appendFor(me.userId, {
      kind: "reversal",
      creditsX100: -200,
      reversesEntryId: dB.entry.id,
    });
    await appendFor(me.userId, { kind: "expiry", creditsX100: -150, reversesEntryId: dC.entry.id });
    const recognition = await appendFor(me.userId, {
      kind: "recognition",
      creditsX100: 300,
      level: 6,
      fieldCode: "041",
      sourceInstitutionId: a.seller.id,
      targetInstitutionId: target.id,
      targetCourseCode: "ACC-101",
      completionId: dA.completion.id,
    });

    const { balances, account, entries } = await getMyLedger(me);
    expect(isAccountNumber(account.number)).toBe(true);
    expect(balances.banked).toEqual({ creditsX100: 300, frozenX100: 0 });
    expect(balances.byLevel).toEqual([
      {
        level: 6,
        labelZh: "6级 本科",
        labelEn: "Level 6 – Bachelor's",
        creditsX100: 300,
        frozenX100: 0,
      },
    ]);
    expect(balances.byField).toEqual([
      {
        fieldCode: "041",
        nameZh: "商业与管理",
        nameEn: "Business and administration",
        creditsX100: 300,
        frozenX100: 0,
      },
    ]);
    expect(balances.bySource).toEqual([
      { institution: ref(a.seller), creditsX100: 300, frozenX100: 0 },
    ]);
    expect(balances.recognitions).toEqual([
      { institution: ref(target), creditsX100: 300, count: 1 },
    ]);

    // Every entry, newest first, with its source; a reversal shows the deposit it cancels.
    expect(entries.map((e) => [e.seq, e.kind, e.creditsX100])).toEqual([
      [6, "recognition", 300],
      [5, "expiry", -150],
      [4, "reversal", -200],
      [3, "deposit", 150],
      [2, "deposit", 200],
      [1, "deposit", 300],
    ]);
    const reversal = entries.find((e) => e.kind === "reversal")!;
    expect(reversal).toMatchObject({
      reversesSeq: 2,
      source: ref(b.seller),
      level: 5,
      fieldCode: "061",
      titleEn: "Management Accounting",
      // Dated when it was written (recordedAt), not by the pass it cancels.
      completedOn: null,
    });
    expect(entries.find((e) => e.kind === "recognition")).toMatchObject({
      target: ref(target),
      targetCourseCode: "ACC-101",
      hash: recognition.hash,
    });
    expect(entries.at(-1)).toMatchObject({
      source: ref(a.seller),
      levelLabelEn: "Level 6 – Bachelor's",
      fieldNameZh: "商业与管理",
      titleZh: "管理会计学",
      frozen: false,
    });

    // Reversing the last deposit and the recognition that cites it empties both.
    await appendFor(me.userId, {
      kind: "reversal",
      creditsX100: -300,
      reversesEntryId: dA.entry.id,
    });
    await appendFor(me.userId, {
      kind: "reversal",
      creditsX100: -300,
      reversesEntryId: recognition.id,
    });
    const after = (await getMyLedger(me)).balances;
    expect(after).toEqual({
      banked: { creditsX100: 0, frozenX100: 0 },
      byLevel: [],
      byField: [],
      bySource: [],
      recognitions: [],
    });
  });

  it("show a deposit whose credential is suspended by a dispute as frozen", async () => {
    const me = await learner();
    const a = await sellerWithCourse({ level: 6, fieldCode: "041", creditsX100: 300 });
    const b = await sellerWithCourse({ level: 4, fieldCode: "071", creditsX100: 250 });
    const disputed = await depositFor(me, a, { credential: true });
    await depositFor(me, b, { credential: true });
    await suspendCredentialOf(disputed.completion.id);

    const { balances, entries } = await getMyLedger(me);
    expect(balances.banked).toEqual({ creditsX100: 550, frozenX100: 300 });
    expect(balances.byLevel.map((g) => [g.level, g.creditsX100, g.frozenX100])).toEqual([
      [4, 250, 0],
      [6, 300, 300],
    ]);
    expect(balances.bySource.find((g) => g.institution?.slug === a.seller.slug)?.frozenX100).toBe(
      300,
    );
    expect(entries.map((e) => [e.seq, e.frozen, e.credentialId !== null])).toEqual([
      [2, false, true],
      [1, true, true],
    ]);

    const creds = await listMyCredentials(me);
    expect(creds).toHaveLength(2);
    expect(creds.find((c) => c.id === disputed.credentialId)).toMatchObject({
      titleEn: "Management Accounting",
      titleZh: "管理会计学",
      status: "suspended",
      institution: ref(a.seller),
    });
    expect(Number.isNaN(Date.parse(creds[0]!.issuedAt))).toBe(false);

    // A reversal of the frozen deposit (a lost dispute) takes the frozen credits with it.
    await appendFor(me.userId, {
      kind: "reversal",
      creditsX100: -300,
      reversesEntryId: disputed.entry.id,
    });
    expect((await getMyLedger(me)).balances.banked).toEqual({ creditsX100: 250, frozenX100: 0 });
  });

  it("read only the viewer's own account, opened on first use", async () => {
    const owner = await learner();
    await depositFor(owner, await sellerWithCourse());
    const other = await learner();
    const db = await getDb();
    const before = await db
      .select()
      .from(s.learningAccounts)
      .where(eq(s.learningAccounts.userId, other.userId));
    expect(before).toEqual([]);
    const theirs = await getMyLedger(other);
    expect(theirs.entries).toEqual([]);
    expect(theirs.balances.banked.creditsX100).toBe(0);
    expect(await listMyCredentials(other)).toEqual([]);
    const mine = await getMyLedger(owner);
    expect(theirs.account.number).not.toBe(mine.account.number);
    expect(mine.entries).toHaveLength(1);

    const transcript = await getMyTranscript(owner);
    expect(transcript.holderName).toBe(owner.name);
    expect(transcript.entries.map((e) => e.view.seq)).toEqual([1]);
    expect(transcript.balances).toEqual(mine.balances);
  });

  it("compute balances of an empty account as zeros", async () => {
    const me = await learner();
    const { account } = await getMyLedger(me);
    const db = await getDb();
    const [row] = await db
      .select({ id: s.learningAccounts.id })
      .from(s.learningAccounts)
      .where(eq(s.learningAccounts.number, account.number));
    expect(await computeBalances(db, row!.id)).toEqual({
      banked: { creditsX100: 0, frozenX100: 0 },
      byLevel: [],
      byField: [],
      bySource: [],
      recognitions: [],
    });
  });
});

describe("[LEDGER] name on credentials", () => {
  it("is the learner's own switch, audited, and bad input changes nothing", async () => {
    const me = await learner();
    expect((await getMyLedger(me)).account.nameOnCredentials).toBe(false);
    await expect(setNameOnCredentials(me, { show: "true" })).resolves.toEqual({
      nameOnCredentials: true,
    });
    expect((await getMyLedger(me)).account.nameOnCredentials).toBe(true);
    // Saving the same choice again writes no second audit row.
    await setNameOnCredentials(me, { show: "true" });
    await setNameOnCredentials(me, { show: "false" });
    expect((await getMyLedger(me)).account.nameOnCredentials).toBe(false);

    const db = await getDb();
    const audits = await db
      .select({ before: s.auditLog.before, after: s.auditLog.after })
      .from(s.auditLog)
      .where(
        and(
          eq(s.auditLog.actorId, me.userId),
          eq(s.auditLog.action, "learning_account.name_on_credentials"),
        ),
      );
    expect(audits).toHaveLength(2);
    expect(audits).toContainEqual({
      before: { nameOnCredentials: false },
      after: { nameOnCredentials: true },
    });

    for (const bad of [{}, { show: "yes" }, { show: "true", accountId: "x" }, { show: "\u0000" }]) {
      const err = await setNameOnCredentials(me, bad).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe("BAD_REQUEST");
    }
    expect((await getMyLedger(me)).account.nameOnCredentials).toBe(false);
  });
});
