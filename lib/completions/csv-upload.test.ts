import { describe, expect, it } from "vitest";
import { MAX_COMPLETION_CELL_CHARS } from "./csv-rows";
import { runCompletionUpload, type ChunkSender, type UploadRun } from "./csv-upload";

const file = (text: string, name = "results.csv") => ({
  name,
  size: new TextEncoder().encode(text).length,
  text: async () => text,
});
const lines = (n: number) =>
  `enrolment_id,completed_on\n${Array.from({ length: n }, (_, i) => `e-${i},2026-05-04`).join("\n")}\n`;

/** A server that records every row it is sent, remembering the chunks. */
function fakeServer(answer?: (call: number) => "error" | "throw" | null) {
  const chunks: { lines: number[]; totalRows: number; columns: string[] }[] = [];
  const send: ChunkSender = async (chunk) => {
    chunks.push({
      lines: chunk.rows.map((r) => r.line),
      totalRows: chunk.totalRows,
      columns: chunk.columns,
    });
    const a = answer?.(chunks.length);
    if (a === "throw") throw new Error("network down");
    if (a === "error") return { status: "error", reason: "forbidden", rows: [] };
    return {
      status: "ok",
      rows: chunk.rows.map((r) => ({
        line: r.line,
        ok: true as const,
        status: "recorded" as const,
        outcome: "pass" as const,
        reason: null,
        depositedX100: 300,
      })),
    };
  };
  return { chunks, send };
}

describe("the browser's upload", () => {
  it("sends the rows in chunks of 200 with the header and the row count, reporting progress", async () => {
    const server = fakeServer();
    const seen: number[] = [];
    const run = await runCompletionUpload(file(lines(450)), "jade", server.send, (r) =>
      seen.push(r.done),
    );
    expect(server.chunks.map((c) => c.lines.length)).toEqual([200, 200, 50]);
    expect(server.chunks[0]).toMatchObject({
      totalRows: 450,
      columns: ["enrolment_id", "completed_on"],
    });
    expect(seen).toEqual([0, 200, 400, 450]);
    expect(run).toMatchObject({ total: 450, done: 450, error: null, isFinished: true });
    expect(run.reports.map((r) => r.line)).toEqual(Array.from({ length: 450 }, (_, i) => i + 2));
  });

  it("refuses a row with an over-long cell here, names the cell, and sends the others", async () => {
    const server = fakeServer();
    const long = "x".repeat(MAX_COMPLETION_CELL_CHARS + 1);
    const text = `enrolment_id,completed_on,evidence_url\na,2026-05-04,\nb,2026-05-04,${long}\nc,2026-05-04,\n`;
    const run = await runCompletionUpload(file(text), "jade", server.send);
    expect(server.chunks.map((c) => c.lines)).toEqual([[2, 4]]);
    expect(run.reports.map((r) => [r.line, r.ok])).toEqual([
      [2, true],
      [3, false],
      [4, true],
    ]);
    expect(run.reports[1]).toMatchObject({
      reason: "validation",
      fields: { evidence_url: { code: "too_long", max: MAX_COMPLETION_CELL_CHARS } },
    });
  });

  it("sends nothing for a file refused whole", async () => {
    const server = fakeServer();
    const refused = async (f: Parameters<typeof runCompletionUpload>[0]) =>
      (await runCompletionUpload(f, "jade", server.send)).problem;
    expect(await refused(undefined)).toEqual({ code: "no_file" });
    expect(await refused(file(lines(3), "results.txt"))).toEqual({ code: "not_csv" });
    expect(await refused(file("score\n1\n"))).toMatchObject({ code: "columns" });
    expect(await refused(file(lines(5_001)))).toEqual({ code: "too_many_rows" });
    expect(server.chunks).toEqual([]);
  });

  it("stops at a refused chunk or a failed request, keeping what was done", async () => {
    const expectStopped = (run: UploadRun, reason: string) => {
      expect(run).toMatchObject({ done: 200, total: 450, error: { reason }, isFinished: true });
      expect(run.reports).toHaveLength(200);
    };
    const refusing = fakeServer((call) => (call === 2 ? "error" : null));
    expectStopped(await runCompletionUpload(file(lines(450)), "jade", refusing.send), "forbidden");
    expect(refusing.chunks).toHaveLength(2);
    const failing = fakeServer((call) => (call === 2 ? "throw" : null));
    expectStopped(await runCompletionUpload(file(lines(450)), "jade", failing.send), "unexpected");
  });
});
