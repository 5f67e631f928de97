import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { recordCompletion } from "@/lib/completions/record";
import { voidCompletion } from "@/lib/completions/correct";
import { entryHash } from "@/lib/ledger/hash";
import { boughtCourse, entriesOf, today } from "../support/completion-fixtures";

const result = (enrolmentId: string, over: Record<string, unknown> = {}) => ({
  enrolmentId,
  score: "85.5",
  completedOn: today(),
  ...over,
});

describe("recording a completion", () => {
  it("a pass deposits the enrolment's credits once, with a credential, and retries change nothing", async () => {
    const fx = await boughtCourse();
    const first = await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "ui");
    expect(first).toMatchObject({ outcome: "pass", status: "recorded", depositedX100: 300 });
    expect(first.credentialId).toBeTruthy();
    const again = await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "csv");
    expect(again).toMatchObject({ status: "unchanged", completionId: first.completionId });
    expect(again.entryId).toBe(first.entryId);

    const entries = await entriesOf(fx.enrolment.id);
    expect(entries).toHaveLength(1);
    const [e] = entries;
    expect(e).toMatchObject({
      kind: "deposit",
      creditsX100: 300,
      level: 6,
      fieldCode: "041",
      sourceInstitutionId: fx.seller.id,
      resourceId: fx.course.id,
      scoreX100: 8550,
      seq: 1,
      prevHash: "0".repeat(64),
      titleZh: "管理会计学",
    });
    expect(entryHash(e!)).toBe(e!.hash);
    const db = await getDb();
    const [enr] = await db.select().from(s.enrolments).where(eq(s.enrolments.id, fx.enrolment.id));
    expect(enr!.status).toBe("completed");
  });

  it("a different result after a pass is refused (409) and changes nothing", async () => {
    const fx = await boughtCourse();
    await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "ui");
    await expect(
      recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id, { score: "40" }), "ui"),
    ).rejects.toMatchObject({ reason: "already_passed", status: 409 });
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(1);
  });

  it("a fail is recorded with its reason, deposits nothing, and a resit may pass", async () => {
    const fx = await boughtCourse();
    const fail = await recordCompletion(
      fx.actor,
      fx.seller.slug,
      result(fx.enrolment.id, { score: "59.99" }),
      "ui",
    );
    expect(fail).toMatchObject({
      outcome: "fail",
      reason: "score_below_minimum",
      depositedX100: 0,
    });
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(0);
    const pass = await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "ui");
    expect(pass).toMatchObject({ outcome: "pass", depositedX100: 300 });
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(1);
  });

  it("a correction writes one reversal and revokes; a new pass deposits again, exactly once", async () => {
    const fx = await boughtCourse();
    const first = await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "ui");
    const { reversalIds } = await voidCompletion(fx.registrar, {
      completionId: first.completionId,
      reason: "wrong learner's sheet",
    });
    expect(reversalIds).toHaveLength(1);
    await expect(
      voidCompletion(fx.registrar, { completionId: first.completionId, reason: "again please" }),
    ).rejects.toMatchObject({ reason: "completion_voided" });
    const second = await recordCompletion(
      fx.actor,
      fx.seller.slug,
      result(fx.enrolment.id, { score: "91" }),
      "api",
    );
    await recordCompletion(
      fx.actor,
      fx.seller.slug,
      result(fx.enrolment.id, { score: "91" }),
      "ui",
    );
    expect(second).toMatchObject({ status: "recorded", depositedX100: 300 });
    const entries = await entriesOf(fx.enrolment.id);
    expect(entries.map((e) => [e.kind, e.creditsX100, e.seq])).toEqual([
      ["deposit", 300, 1],
      ["reversal", -300, 2],
      ["deposit", 300, 3],
    ]);
    expect(entries[1]!.reversesEntryId).toBe(entries[0]!.id);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    const db = await getDb();
    const creds = await db
      .select({ status: s.credentials.status, completionId: s.credentials.completionId })
      .from(s.credentials)
      .where(eq(s.credentials.accountId, entries[0]!.accountId));
    expect(creds.find((c) => c.completionId === first.completionId)!.status).toBe("revoked");
    expect(creds.find((c) => c.completionId === second.completionId)!.status).toBe("active");
  });

  it("a pass of a 0-credit resource issues a credential and writes no entry", async () => {
    const fx = await boughtCourse({ creditsX100: 0 });
    const r = await recordCompletion(fx.actor, fx.seller.slug, result(fx.enrolment.id), "ui");
    expect(r).toMatchObject({ outcome: "pass", depositedX100: 0, entryId: null });
    expect(r.credentialId).toBeTruthy();
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(0);
  });
});
