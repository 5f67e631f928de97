import { describe, expect, it } from "vitest";
import { completionInputSchema } from "./schemas";
import {
  COMPLETION_CSV_COLUMNS,
  MAX_COMPLETION_FILE_BYTES,
  MAX_COMPLETION_ROWS,
  checkCompletionColumns,
  checkCompletionFile,
  columnProblemFields,
  completionCsvTemplate,
  csvRowToInput,
  fieldsToColumns,
  readCompletionCsv,
} from "./csv-rows";

const ENROLMENT = "0b6f3a52-4c1e-4d8a-9f57-1d2e3c4b5a69";
const header = COMPLETION_CSV_COLUMNS.join(",");

const read = (text: string) => {
  const r = readCompletionCsv(text);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problem)}`);
  return r;
};
const problemOf = (text: string) => {
  const r = readCompletionCsv(text);
  if (r.ok) throw new Error("accepted");
  return r.problem;
};

describe("reading a completions CSV", () => {
  it("drops a BOM, reads quoted cells and CRLF, and keeps each row's first line", () => {
    const text =
      `\uFEFF${header}\r\n` +
      `${ENROLMENT},,,85.5,90,2026-05-04,"https://example.org/a,b"\r\n` +
      `,CB-2026-0001234-3,jade-accounting,"6\n0",,2026-05-04,\r\n` +
      `,CB-2026-0001234-3,jade-marketing,70,,2026-05-04,\r\n`;
    const { columns, rows } = read(text);
    expect(columns).toEqual([...COMPLETION_CSV_COLUMNS]);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(rows[0]!.cells).toMatchObject({
      enrolment_id: ENROLMENT,
      evidence_url: "https://example.org/a,b",
    });
    expect(rows[1]!.cells.score).toBe("6\n0");
  });

  it("skips rows whose cells are all blank (a spreadsheet's trailing commas)", () => {
    const { rows } = read(`enrolment_id,completed_on\n${ENROLMENT},2026-05-04\n,\n , \n\n`);
    expect(rows).toHaveLength(1);
  });

  it("takes the columns in any order, and only the required ones", () => {
    expect(read(`completed_on,enrolment_id\n2026-05-04,${ENROLMENT}\n`).rows).toHaveLength(1);
    expect(checkCompletionColumns(["account_number", "resource_slug", "completed_on"])).toBeNull();
  });

  it("names every wrong column at once: unknown, repeated and missing", () => {
    expect(checkCompletionColumns(["enrolmentId", "score", "score", "Completed_On"])).toEqual({
      code: "columns",
      unknown: ["enrolmentId", "Completed_On"],
      missing: ["enrolment_id", "completed_on"],
      duplicate: ["score"],
    });
    // Half of the second way of naming the enrolment: the other half is what is missing.
    expect(checkCompletionColumns(["account_number", "completed_on"])).toMatchObject({
      missing: ["resource_slug"],
    });
    expect(problemOf("learner,grade\nLi Wei,85\n")).toEqual({
      code: "columns",
      unknown: ["learner", "grade"],
      missing: ["enrolment_id", "completed_on"],
      duplicate: [],
    });
    expect(problemOf(`enrolment_id,completed_on,completed_on\n${ENROLMENT},a,b\n`)).toMatchObject({
      code: "columns",
      duplicate: ["completed_on"],
    });
  });

  it("gives the server's answer for wrong columns as field errors keyed by column", () => {
    const p = checkCompletionColumns(["grade", "enrolment_id"])!;
    expect(columnProblemFields(p)).toEqual({
      grade: { code: "unknown_field" },
      completed_on: { code: "required" },
    });
  });

  it("refuses a file with no rows, a broken quote, or a row of the wrong width, naming the line", () => {
    expect(problemOf("")).toEqual({ code: "no_rows" });
    expect(problemOf(`${header}\n`)).toEqual({ code: "no_rows" });
    expect(problemOf(`enrolment_id,completed_on\n${ENROLMENT},2026-05-04\n"abc,2026\n`)).toEqual({
      code: "unterminated_quote",
      line: 3,
    });
    expect(problemOf(`enrolment_id,completed_on\n${ENROLMENT},2026-05-04,x\n`)).toEqual({
      code: "field_count",
      line: 2,
      expected: 2,
      got: 3,
    });
  });

  it(`takes ${MAX_COMPLETION_ROWS} rows and refuses one more, and 100,000 without reading them all`, () => {
    const rows = (n: number) =>
      `enrolment_id,completed_on\n${`${ENROLMENT},2026-05-04\n`.repeat(n)}`;
    expect(read(rows(MAX_COMPLETION_ROWS)).rows).toHaveLength(MAX_COMPLETION_ROWS);
    expect(problemOf(rows(MAX_COMPLETION_ROWS + 1))).toEqual({ code: "too_many_rows" });
    const started = performance.now();
    expect(problemOf(rows(100_000))).toEqual({ code: "too_many_rows" });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a file by its name and size before reading it", () => {
    expect(checkCompletionFile(undefined)).toEqual({ code: "no_file" });
    expect(checkCompletionFile({ name: "results.xlsx", size: 10 })).toEqual({ code: "not_csv" });
    expect(checkCompletionFile({ name: "R.CSV", size: MAX_COMPLETION_FILE_BYTES })).toBeNull();
    expect(checkCompletionFile({ name: "r.csv", size: MAX_COMPLETION_FILE_BYTES + 1 })).toEqual({
      code: "too_large",
    });
  });
});

describe("a CSV row → the completion input", () => {
  it("maps the columns to the service's fields and leaves blank cells out", () => {
    const input = csvRowToInput({
      enrolment_id: "",
      account_number: "cb-2026-0001234-3",
      resource_slug: "jade-accounting",
      score: "85.5",
      attendance_pct: " ",
      completed_on: "2026-05-04",
      evidence_url: "",
    });
    expect(input).toEqual({
      accountNumber: "cb-2026-0001234-3",
      resourceSlug: "jade-accounting",
      score: "85.5",
      completedOn: "2026-05-04",
    });
    expect(completionInputSchema.parse(input)).toMatchObject({
      accountNumber: "CB-2026-0001234-3",
      score: 8550,
    });
  });

  it("names a refusal's fields by the file's columns, a blank one as required", () => {
    const cells = { enrolment_id: "", completed_on: "2026-13-01" };
    expect(
      fieldsToColumns(
        {
          enrolmentId: { code: "invalid" },
          completedOn: { code: "invalid" },
          score: { code: "required" },
        },
        cells,
      ),
    ).toEqual({
      enrolment_id: { code: "required" },
      completed_on: { code: "invalid" },
      score: { code: "required" },
    });
    expect(fieldsToColumns(undefined, cells)).toEqual({});
  });
});

describe("the CSV template", () => {
  it("reads back with the exact columns and one row the service's schema accepts", () => {
    const text = completionCsvTemplate({ resourceSlug: "jade-accounting", today: "2026-05-04" });
    const { columns, rows } = read(text);
    expect(columns).toEqual([...COMPLETION_CSV_COLUMNS]);
    expect(rows).toHaveLength(1);
    const input = completionInputSchema.parse(csvRowToInput(rows[0]!.cells));
    expect(input).toMatchObject({
      accountNumber: "CB-2026-0001234-3",
      resourceSlug: "jade-accounting",
      score: 8550,
      attendancePct: 90,
      completedOn: "2026-05-04",
    });
  });
});
