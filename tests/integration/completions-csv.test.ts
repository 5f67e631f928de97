import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { recordCompletionRowsAction } from "@/lib/completions/actions";
import { COMPLETION_CSV_COLUMNS } from "@/lib/completions/csv-rows";
import { runCompletionUpload, type ChunkSender } from "@/lib/completions/csv-upload";
import { AppError } from "@/lib/errors";
import {
  completionsOf,
  courseWithLearners,
  csvFile,
  ledgerEntriesOf,
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

const header = COMPLETION_CSV_COLUMNS.join(",");
const row = (cells: Partial<Record<(typeof COMPLETION_CSV_COLUMNS)[number], string>>) =>
  COMPLETION_CSV_COLUMNS.map((c) => cells[c] ?? "").join(",");

/** The page's upload, with the real server action; counts the chunks sent. */
function uploader(slug: string) {
  const sent: number[] = [];
  const progress: number[] = [];
  const send: ChunkSender = async (chunk) => {
    sent.push(chunk.rows.length);
    return recordCompletionRowsAction(chunk);
  };
  return {
    sent,
    progress,
    upload: (text: string, size?: number) =>
      runCompletionUpload({ ...csvFile(text), ...(size ? { size } : {}) }, slug, send, (r) =>
        progress.push(r.done),
      ),
  };
}

async function institutionCompletions(institutionId: string) {
  const db = await getDb();
  return db.select().from(s.completions).where(eq(s.completions.institutionId, institutionId));
}

describe("[COMPLETIONS] CSV upload through the server action", () => {
  it("records good rows, refuses each bad row with its reason and field; a re-upload changes nothing", async () => {
    const fx = await courseWithLearners(3, 2);
    const [e1, e2, e3] = fx.enrolments;
    const other = await boughtCourse();
    session.viewer = fx.registrar;
    const text = [
      `\uFEFF${header}`,
      row({ enrolment_id: e1!.id, score: "85.5", completed_on: today() }),
      row({
        account_number: fx.accounts[1]!.toLowerCase(),
        resource_slug: fx.course.slug,
        score: "40",
        attendance_pct: "95",
        completed_on: today(),
        evidence_url: '"https://example.org/sheet?a=1,b=2"',
      }),
      row({ enrolment_id: e3!.id, completed_on: today() }),
      row({ enrolment_id: other.enrolment.id, score: "90", completed_on: today() }),
      row({ enrolment_id: randomUUID(), score: "90", completed_on: today() }),
      row({ enrolment_id: e3!.id, score: "101", completed_on: today() }),
      row({ enrolment_id: e3!.id, score: "90", completed_on: "2999-01-01" }),
      row({ score: "90", completed_on: today() }),
      row({ enrolment_id: e3!.id, score: "90", completed_on: "2026-02-30" }),
    ].join("\r\n");
    const { upload, progress } = uploader(fx.seller.slug);
    const run = await upload(text);
    expect(run).toMatchObject({ problem: null, error: null, total: 9, done: 9, isFinished: true });
    expect(progress).toEqual([0, 9]);
    const byLine = Object.fromEntries(run.reports.map((r) => [r.line, r]));
    expect(byLine[2]).toMatchObject({
      ok: true,
      status: "recorded",
      outcome: "pass",
      depositedX100: 300,
    });
    expect(byLine[3]).toMatchObject({ ok: true, outcome: "fail", reason: "score_below_minimum" });
    expect(byLine[4]).toMatchObject({
      ok: false,
      reason: "score_required",
      fields: { score: { code: "required" } },
    });
    expect(byLine[5]).toMatchObject({ ok: false, reason: "not_your_enrolment" });
    expect(byLine[6]).toMatchObject({ ok: false, reason: "enrolment_not_found" });
    expect(byLine[7]).toMatchObject({
      ok: false,
      reason: "validation",
      fields: { score: { code: "invalid" } },
    });
    expect(byLine[8]).toMatchObject({
      ok: false,
      reason: "completion_in_future",
      fields: { completed_on: { code: "invalid" } },
    });
    expect(byLine[9]).toMatchObject({ ok: false, fields: { enrolment_id: { code: "required" } } });
    expect(byLine[10]).toMatchObject({ ok: false, fields: { completed_on: { code: "invalid" } } });

    const recorded = await completionsOf(fx.enrolments.map((e) => e.id));
    expect(recorded.map((c) => [c.enrolmentId, c.outcome, c.source]).sort()).toEqual(
      [
        [e1!.id, "pass", "csv"],
        [e2!.id, "fail", "csv"],
      ].sort(),
    );
    expect(recorded.find((c) => c.enrolmentId === e2!.id)!.evidenceUrl).toBe(
      "https://example.org/sheet?a=1,b=2",
    );
    expect(await completionsOf([other.enrolment.id])).toHaveLength(0);

    const again = await upload(text);
    const accepted = again.reports.filter((r) => r.ok);
    expect(accepted.map((r) => r.ok && r.status)).toEqual(["unchanged", "unchanged"]);
    expect(again.reports.filter((r) => !r.ok).map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(again.reports[0]).toMatchObject({ line: 2, status: "unchanged", depositedX100: 300 });
    expect(await completionsOf(fx.enrolments.map((e) => e.id))).toHaveLength(2);
    const entries = await ledgerEntriesOf(fx.enrolments.map((e) => e.id));
    expect(entries.map((e) => [e.enrolmentId, e.kind])).toEqual([[e1!.id, "deposit"]]);
  });

  it("sends a long file in chunks of 200, showing progress after each", async () => {
    const fx = await boughtCourse();
    session.viewer = fx.registrar;
    const rows = Array.from({ length: 401 }, () =>
      row({ enrolment_id: randomUUID(), score: "90", completed_on: today() }),
    );
    const { upload, sent, progress } = uploader(fx.seller.slug);
    const run = await upload([header, ...rows].join("\n"));
    expect(sent).toEqual([200, 200, 1]);
    expect(progress).toEqual([0, 200, 400, 401]);
    expect(run.reports.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2));
    expect(run.reports.every((r) => !r.ok && r.reason === "enrolment_not_found")).toBe(true);
  });

  it("refuses wrong columns whole, naming them, in the browser and again at the server", async () => {
    const fx = await boughtCourse();
    session.viewer = fx.registrar;
    const { upload, sent } = uploader(fx.seller.slug);
    const run = await upload(`enrolment,score,completedOn\n${fx.enrolment.id},90,${today()}\n`);
    expect(run.problem).toEqual({
      code: "columns",
      unknown: ["enrolment", "completedOn"],
      missing: ["enrolment_id", "completed_on"],
      duplicate: [],
    });
    expect(sent).toEqual([]);
    const direct = await recordCompletionRowsAction({
      institutionSlug: fx.seller.slug,
      columns: ["enrolment_id", "score", "grade"],
      totalRows: 1,
      rows: [{ line: 2, cells: { enrolment_id: fx.enrolment.id, score: "90", grade: "A" } }],
    });
    expect(direct).toMatchObject({
      status: "error",
      reason: "csv_columns",
      fields: { grade: { code: "unknown_field" }, completed_on: { code: "required" } },
      rows: [],
    });
    expect(await completionsOf([fx.enrolment.id])).toHaveLength(0);
  });

  it("refuses 100,000 rows whole: nothing is sent or recorded, and the server refuses it too", async () => {
    const fx = await boughtCourse();
    session.viewer = fx.registrar;
    const line = row({ enrolment_id: fx.enrolment.id, score: "90", completed_on: today() });
    const text = `${header}\n${`${line}\n`.repeat(100_000)}`;
    const { upload, sent } = uploader(fx.seller.slug);
    expect((await upload(text)).problem).toEqual({ code: "too_large" });
    // A file that claims to be small (or is): still refused by its row count.
    expect((await upload(text, 1_000)).problem).toEqual({ code: "too_many_rows" });
    expect(sent).toEqual([]);
    const chunk = {
      institutionSlug: fx.seller.slug,
      columns: [...COMPLETION_CSV_COLUMNS],
      rows: [
        { line: 2, cells: { enrolment_id: fx.enrolment.id, score: "90", completed_on: today() } },
      ],
    };
    expect(await recordCompletionRowsAction({ ...chunk, totalRows: 100_000 })).toMatchObject({
      status: "error",
      reason: "csv_too_many_rows",
    });
    const tooBig = Array.from({ length: 201 }, (_, i) => ({ ...chunk.rows[0]!, line: i + 2 }));
    expect(
      await recordCompletionRowsAction({ ...chunk, totalRows: 201, rows: tooBig }),
    ).toMatchObject({
      status: "error",
      reason: "validation",
      fields: { rows: { code: "too_long" } },
    });
    expect(await institutionCompletions(fx.seller.id)).toHaveLength(0);
    expect(await ledgerEntriesOf([fx.enrolment.id])).toHaveLength(0);
  });

  it("stops at the first chunk for someone who may not record there; nothing is recorded", async () => {
    const fx = await boughtCourse();
    const text = `${header}\n${row({ enrolment_id: fx.enrolment.id, score: "90", completed_on: today() })}\n`;
    for (const viewer of [(await boughtCourse()).registrar, fx.sellerFinance]) {
      session.viewer = viewer;
      const run = await uploader(fx.seller.slug).upload(text);
      expect(run).toMatchObject({ done: 0, error: { status: "error", reason: "forbidden" } });
    }
    session.viewer = null;
    expect((await uploader(fx.seller.slug).upload(text)).error).toMatchObject({
      reason: "sign_in_required",
    });
    expect(await completionsOf([fx.enrolment.id])).toHaveLength(0);
  });
});
