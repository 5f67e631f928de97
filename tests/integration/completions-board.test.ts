import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { recordCompletionAction, voidCompletionAction } from "@/lib/completions/actions";
import { getCompletionBoard, listRecentCompletions } from "@/lib/completions/queries";
import { recordCompletion } from "@/lib/completions/record";
import { AppError } from "@/lib/errors";
import { idle } from "@/lib/form-state";
import {
  completionsOf,
  courseWithLearners,
  ledgerEntriesOf,
  registrarOf,
} from "../support/completion-board-fixtures";
import { boughtCourse, today } from "../support/completion-fixtures";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "sign in");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  await getDb();
});

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("[COMPLETIONS] the registrar's board", () => {
  it("lists each enrolment with learner, account number (or none), title, rule and latest result", async () => {
    const fx = await courseWithLearners(2, 1);
    const [withAccount, without] = fx.enrolments;
    await recordCompletion(
      fx.actor,
      fx.seller.slug,
      { enrolmentId: withAccount!.id, score: "40.5", completedOn: today() },
      "ui",
    );
    const board = await getCompletionBoard(fx.registrar, fx.seller.slug, {});
    expect(board.total).toBe(2);
    expect(board.today).toBe(today());
    expect(board.resources).toEqual([
      expect.objectContaining({ id: fx.course.id, titleEn: "Management Accounting" }),
    ]);
    const row = (id: string) => board.enrolments.find((e) => e.enrolmentId === id)!;
    expect(row(withAccount!.id)).toMatchObject({
      learnerName: "Test Person",
      accountNumber: fx.accounts[0],
      titleZh: "管理会计学",
      status: "active",
      creditsX100: 300,
      minScore: 60,
      minAttendancePct: null,
      latest: {
        outcome: "fail",
        scoreX100: 4050,
        reason: "score_below_minimum",
        completedOn: today(),
        source: "ui",
      },
    });
    expect(row(without!.id)).toMatchObject({ accountNumber: null, latest: null });

    const recent = await listRecentCompletions(fx.registrar, fx.seller.slug);
    expect(recent).toEqual([
      expect.objectContaining({
        enrolmentId: withAccount!.id,
        outcome: "fail",
        source: "ui",
        recordedByName: "Test Person",
        viaApi: false,
        voidedAt: null,
      }),
    ]);
  });

  it("filters by result and resource, pages, and ignores malformed parameters", async () => {
    const fx = await courseWithLearners(3);
    const [failed, passed] = fx.enrolments;
    const record = (enrolmentId: string, score: string) =>
      recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId, score, completedOn: today() },
        "ui",
      );
    await record(failed!.id, "10");
    await record(passed!.id, "95");
    const ids = async (filters: Record<string, unknown>) =>
      (await getCompletionBoard(fx.registrar, fx.seller.slug, filters)).enrolments.map(
        (e) => e.enrolmentId,
      );
    expect(await ids({ status: "failed" })).toEqual([failed!.id]);
    expect(await ids({ status: "passed" })).toEqual([passed!.id]);
    expect(await ids({ status: "awaiting" })).toEqual([fx.enrolments[2]!.id]);
    expect(await ids({ status: "revoked" })).toEqual([]);
    expect(await ids({ resource: fx.course.id })).toHaveLength(3);
    expect(await ids({ resource: randomUUID() })).toEqual([]);
    const page2 = await getCompletionBoard(fx.registrar, fx.seller.slug, { page: "2" });
    expect([page2.enrolments.length, page2.total]).toEqual([0, 3]);
    const bad = await getCompletionBoard(fx.registrar, fx.seller.slug, {
      status: "everything",
      resource: "x' or 1=1",
      page: ["1", "2"],
    });
    expect(bad.filters).toEqual({ resource: undefined, status: "all", page: 1 });
    expect(bad.enrolments).toHaveLength(3);
  });

  it("shows another institution's staff and non-registrars nothing", async () => {
    const fx = await boughtCourse();
    const other = await boughtCourse();
    for (const viewer of [other.registrar, fx.sellerFinance, fx.editor, fx.buyer]) {
      await expect(getCompletionBoard(viewer, fx.seller.slug, {})).rejects.toMatchObject({
        reason: "forbidden",
      });
      await expect(listRecentCompletions(viewer, fx.seller.slug)).rejects.toMatchObject({
        reason: "forbidden",
      });
    }
    await expect(getCompletionBoard(fx.registrar, "no-such-place", {})).rejects.toMatchObject({
      reason: "not_found",
    });
    const own = await getCompletionBoard(other.registrar, other.seller.slug, {});
    expect(own.enrolments.map((e) => e.enrolmentId)).toEqual([other.enrolment.id]);
  });
});

describe("[COMPLETIONS] form actions", () => {
  it("records a result from form data and says what happened, or which field is wrong", async () => {
    const fx = await boughtCourse();
    session.viewer = fx.registrar;
    const base = { institutionSlug: fx.seller.slug, enrolmentId: fx.enrolment.id };
    const post = (fields: Record<string, string>) =>
      recordCompletionAction(idle, form({ ...base, ...fields }));
    expect(await recordCompletionAction(idle, "x" as unknown as FormData)).toMatchObject({
      reason: "not_a_form",
    });
    expect(await post({ score: "101", completedOn: today() })).toMatchObject({
      status: "error",
      reason: "validation",
      fields: { score: { code: "invalid" } },
      values: { score: "101" },
    });
    expect(await post({ score: "", completedOn: today() })).toMatchObject({
      reason: "score_required",
      fields: { score: { code: "required" } },
    });
    expect(await post({ score: "80", completedOn: "2999-01-01" })).toMatchObject({
      reason: "completion_in_future",
      fields: { completedOn: { code: "invalid" } },
    });
    expect(await post({ score: "80", completedOn: today(), colour: "red" })).toMatchObject({
      fields: { colour: { code: "unknown_field" } },
    });
    const fields = { score: "80", attendancePct: "", completedOn: today(), evidenceUrl: "" };
    expect(await post(fields)).toEqual({
      status: "ok",
      params: { outcome: "pass", result: "recorded", creditsX100: 300, reason: "" },
    });
    expect(await post(fields)).toMatchObject({ params: { result: "unchanged", creditsX100: 300 } });
    expect(await post({ ...fields, score: "70" })).toMatchObject({ reason: "already_passed" });
    expect(await ledgerEntriesOf([fx.enrolment.id])).toHaveLength(1);
  });

  it("refuses a result for another institution's enrolment, and a non-registrar", async () => {
    const fx = await boughtCourse();
    const other = await boughtCourse();
    const fields = { enrolmentId: fx.enrolment.id, score: "90", completedOn: today() };
    session.viewer = other.registrar;
    expect(
      await recordCompletionAction(idle, form({ ...fields, institutionSlug: other.seller.slug })),
    ).toMatchObject({ status: "error", reason: "not_your_enrolment" });
    expect(
      await recordCompletionAction(idle, form({ ...fields, institutionSlug: fx.seller.slug })),
    ).toMatchObject({ status: "error", reason: "forbidden" });
    session.viewer = fx.sellerFinance;
    expect(
      await recordCompletionAction(idle, form({ ...fields, institutionSlug: fx.seller.slug })),
    ).toMatchObject({ status: "error", reason: "forbidden" });
    expect(await completionsOf([fx.enrolment.id])).toHaveLength(0);
  });

  it("corrects a pass with a reason: one reversal, then a new pass deposits again", async () => {
    const fx = await boughtCourse();
    const first = await recordCompletion(
      fx.actor,
      fx.seller.slug,
      { enrolmentId: fx.enrolment.id, score: "90", completedOn: today() },
      "ui",
    );
    session.viewer = (await boughtCourse()).registrar;
    expect(
      await voidCompletionAction(idle, form({ completionId: first.completionId, reason: "typo" })),
    ).toMatchObject({ status: "error", reason: "forbidden" });
    session.viewer = await registrarOf(fx.seller.id);
    expect(
      await voidCompletionAction(idle, form({ completionId: first.completionId, reason: "" })),
    ).toMatchObject({ status: "error", fields: { reason: { code: "too_short", min: 3 } } });
    expect(
      await voidCompletionAction(
        idle,
        form({ completionId: first.completionId, reason: "wrong learner's sheet" }),
      ),
    ).toMatchObject({ status: "ok", params: { reversals: 1 } });
    expect(
      await voidCompletionAction(
        idle,
        form({ completionId: first.completionId, reason: "once more" }),
      ),
    ).toMatchObject({ status: "error", reason: "completion_voided" });
    const board = await getCompletionBoard(fx.registrar, fx.seller.slug, {});
    expect(board.enrolments[0]).toMatchObject({ status: "active", latest: null });
    const recent = await listRecentCompletions(fx.registrar, fx.seller.slug);
    expect(recent[0]).toMatchObject({ completionId: first.completionId });
    expect(recent[0]!.voidedAt).toBeInstanceOf(Date);
    expect(recent[0]!.voidReason).toContain("wrong learner's sheet");

    const again = await recordCompletionAction(
      idle,
      form({
        institutionSlug: fx.seller.slug,
        enrolmentId: fx.enrolment.id,
        score: "91",
        completedOn: today(),
      }),
    );
    expect(again).toMatchObject({ params: { outcome: "pass", creditsX100: 300 } });
    const entries = await ledgerEntriesOf([fx.enrolment.id]);
    expect(entries.map((e) => e.kind).sort()).toEqual(["deposit", "deposit", "reversal"]);
  });
});
