import { describe, expect, it } from "vitest";
import { csvRecordToInput, parseCsv } from "./csv";
import {
  CSV_COLUMNS,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_ROWS,
  MAX_ROW_BYTES,
  checkImportFile,
  chunkRows,
  exampleCsv,
  formatOfFileName,
  isJsonText,
  splitImportFile,
} from "./import-file";
import { fieldLabel, issueMessage } from "./import-report";
import { createResourceSchema } from "./schemas";

describe("import file in the browser", () => {
  it("knows the format by the extension and refuses others and large files unread", () => {
    expect(formatOfFileName("a.CSV")).toBe("csv");
    expect(["a.jsonl", "b.ndjson", "c.json"].map(formatOfFileName)).toEqual([
      "jsonl",
      "jsonl",
      "jsonl",
    ]);
    expect(formatOfFileName("a.xlsx")).toBeNull();
    expect(formatOfFileName("csv")).toBeNull();
    expect(checkImportFile({ name: "a.xlsx", size: 10 })).toBe("unsupported_type");
    expect(checkImportFile({ name: "a.csv", size: MAX_IMPORT_FILE_BYTES + 1 })).toBe("too_large");
    expect(checkImportFile({ name: "a.csv", size: MAX_IMPORT_FILE_BYTES })).toBeNull();
  });

  it("splits JSON lines into non-empty lines with their line numbers, BOM and CRLF dropped", () => {
    const r = splitImportFile("jsonl", '\uFEFF{"a":1}\r\n\r\n  \n{oops\n{"b":2}\n');
    expect(r).toEqual({
      ok: true,
      file: {
        format: "jsonl",
        rows: [
          { line: 1, row: '{"a":1}' },
          { line: 4, row: "{oops" },
          { line: 5, row: '{"b":2}' },
        ],
      },
    });
  });

  it("splits CSV into records keyed by the header, a quoted newline keeping the row's line", () => {
    const r = splitImportFile("csv", 'titleEn,kind\n"Two\nlines",course\nOne,course\n');
    expect(r.ok && r.file.rows).toEqual([
      { line: 2, row: { titleEn: "Two\nlines", kind: "course" } },
      { line: 4, row: { titleEn: "One", kind: "course" } },
    ]);
  });

  it("reads a BOM and CRLF, a CRLF inside a quoted cell counting as one line", () => {
    const r = splitImportFile(
      "csv",
      '\uFEFFtitleEn,kind\r\n"Two\r\nlines",course\r\n\r\nOne,course\r\n',
    );
    expect(r.ok && r.file.rows).toEqual([
      { line: 2, row: { titleEn: "Two\nlines", kind: "course" } },
      { line: 5, row: { titleEn: "One", kind: "course" } },
    ]);
  });

  it("refuses a CSV whole for a stray or unclosed quote, a repeated, unknown or short column", () => {
    const refused = (text: string) => {
      const r = splitImportFile("csv", text);
      return r.ok ? r : { problem: r.problem, csv: r.csv };
    };
    expect(refused('titleEn,kind\nA,course\nB"c,course\nD,course\n')).toEqual({
      problem: "csv_invalid",
      csv: { code: "stray_quote", line: 3 },
    });
    expect(refused('titleEn,kind\n"A"x,course\n')).toEqual({
      problem: "csv_invalid",
      csv: { code: "stray_quote", line: 2 },
    });
    // Before, the open quote silently swallowed every later row into one cell.
    expect(refused('titleEn,kind\nA,course\n\n"B,course\nC,course\nD,course\n')).toEqual({
      problem: "csv_invalid",
      csv: { code: "unterminated_quote", line: 4 },
    });
    // Before, the second titleEn silently won.
    expect(refused("titleEn,kind,titleEn\nA,course,B\n")).toEqual({
      problem: "csv_invalid",
      csv: { code: "duplicate_column", line: 1, column: "titleEn" },
    });
    expect(refused("titleEn,kind,notes\nA,course,B\n")).toEqual({
      problem: "csv_invalid",
      csv: { code: "unknown_column", line: 1, column: "notes" },
    });
    expect(refused("titleEn,kind\nA,course,extra\n")).toEqual({
      problem: "csv_invalid",
      csv: { code: "field_count", line: 2, expected: 2, got: 3 },
    });
    // A column without a name (a spreadsheet's trailing comma) is left out, not refused.
    expect(refused("titleEn,kind,\nA,course,\n")).toMatchObject({
      ok: true,
      file: { rows: [{ line: 2, row: { titleEn: "A", kind: "course" } }] },
    });
  });

  it("refuses an empty file, a header alone and too many rows", () => {
    expect(splitImportFile("jsonl", "\n \n")).toEqual({ ok: false, problem: "no_rows" });
    expect(splitImportFile("csv", "titleEn,kind\n")).toEqual({ ok: false, problem: "no_rows" });
    const many = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => "{}").join("\n");
    expect(splitImportFile("jsonl", many)).toEqual({ ok: false, problem: "too_many_rows" });
    expect(splitImportFile("jsonl", many.slice(3)).ok).toBe(true);
  });

  it("chunks by rows and by bytes, keeps order, and sets aside rows too large to send", () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({ line: i + 1, row: "{}" }));
    const byRows = chunkRows(rows);
    expect(byRows.chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(byRows.chunks.flat()).toEqual(rows);

    const big = "x".repeat(400);
    const bySize = chunkRows(
      [1, 2, 3].map((line) => ({ line, row: big })),
      50,
      1000,
    );
    expect(bySize.chunks.map((c) => c.map((r) => r.line))).toEqual([[1, 2], [3]]);

    const huge = chunkRows([
      { line: 1, row: "{}" },
      { line: 2, row: { titleEn: "界".repeat(MAX_ROW_BYTES / 3) } },
      { line: 3, row: "{}" },
    ]);
    expect(huge.oversized).toEqual([2]);
    expect(huge.chunks.flat().map((r) => r.line)).toEqual([1, 3]);
  });

  it("tells JSON from text that is not", () => {
    expect(isJsonText('{"a":[1,"x"]}')).toBe(true);
    expect(isJsonText("{a:1}")).toBe(false);
  });

  it("offers an example CSV whose rows are valid resources of the institution", () => {
    const csv = exampleCsv("uni-a");
    const records = parseCsv(csv);
    expect(Object.keys(records[0]!.record)).toEqual([...CSV_COLUMNS]);
    expect(records.length).toBe(2);
    for (const { record } of records) {
      const input = csvRecordToInput(record);
      const parsed = createResourceSchema.safeParse(input);
      expect(parsed.error?.issues ?? []).toEqual([]);
    }
    expect(records[0]!.record.slug).toBe("uni-a-management-accounting");
    expect(records[0]!.record.descriptionMd).toContain("\n");
  });
});

describe("import report wording", () => {
  it("names fields by their CSV column for CSV files and by path for JSON lines", () => {
    expect(fieldLabel("csv", "offers.seat.minQuantity")).toBe("seatMinQuantity");
    expect(fieldLabel("csv", "completionRule.minScore")).toBe("minScore");
    expect(fieldLabel("csv", "outcomes.3.en")).toBe("outcomesEn");
    expect(fieldLabel("csv", "languages.0")).toBe("languages");
    expect(fieldLabel("csv", "titleEn")).toBe("titleEn");
    expect(fieldLabel("jsonl", "offers.seat.minQuantity")).toBe("offers.seat.minQuantity");
  });

  it("words number bounds as numbers, the row itself apart, and the rest as validation", () => {
    expect(issueMessage("creditsX100", { code: "too_short", min: 0 })).toEqual({
      ns: "importUi",
      key: "numberTooSmall",
      min: 0,
      max: 0,
    });
    expect(issueMessage("offers.learner.amountMinor", { code: "too_long", max: 9 })).toMatchObject({
      ns: "importUi",
      key: "numberTooLarge",
      max: 9,
    });
    expect(issueMessage("titleEn", { code: "too_long", max: 200 })).toEqual({
      ns: "validation",
      key: "too_long",
      min: 0,
      max: 200,
    });
    expect(issueMessage("_", { code: "invalid" })).toMatchObject({ key: "rowNotRecognised" });
  });
});
