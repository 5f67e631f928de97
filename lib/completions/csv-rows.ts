import { parse, type Info } from "csv-parse/browser/esm/sync";
import {
  type CsvFileError,
  CsvRecordReader,
  csvParseOptions,
  normaliseLineEnds,
} from "@/lib/catalogue/csv";
import type { FieldErrors, FieldIssue } from "@/lib/errors";
import { formatAccountNumber } from "@/lib/ledger/account-number";

/**
 * A completions CSV (PRODUCT.md §7): read in the browser, whose rows go to the server in chunks,
 * and mapped to `completionInputSchema`'s input there. Pure, so both sides share it.
 */

export const COMPLETION_CSV_COLUMNS = [
  "enrolment_id",
  "account_number",
  "resource_slug",
  "score",
  "attendance_pct",
  "completed_on",
  "evidence_url",
] as const;
export type CompletionCsvColumn = (typeof COMPLETION_CSV_COLUMNS)[number];

const fieldOfColumn: Record<CompletionCsvColumn, string> = {
  enrolment_id: "enrolmentId",
  account_number: "accountNumber",
  resource_slug: "resourceSlug",
  score: "score",
  attendance_pct: "attendancePct",
  completed_on: "completedOn",
  evidence_url: "evidenceUrl",
};
const columnOfField = new Map(Object.entries(fieldOfColumn).map(([c, f]) => [f, c]));
const known = new Set<string>(COMPLETION_CSV_COLUMNS);

export const MAX_COMPLETION_ROWS = 5_000;
export const MAX_COMPLETION_FILE_BYTES = 2 * 1024 * 1024;
export const COMPLETION_CHUNK_ROWS = 200;
/** The longest cell the server takes: no column holds more (an evidence link is ≤ 2,000). */
export const MAX_COMPLETION_CELL_CHARS = 2_000;

export type CompletionCsvRow = { line: number; cells: Record<string, string> };

/** What became of one row of an uploaded file. */
export type CompletionRowReport =
  | {
      line: number;
      ok: true;
      status: "recorded" | "unchanged";
      outcome: "pass" | "fail";
      reason: string | null;
      depositedX100: number;
    }
  | { line: number; ok: false; reason: string; fields: Record<string, FieldIssue> };

/** Why a whole file is refused: nothing of it is sent, nothing recorded. */
export type CompletionFileProblem =
  | { code: "no_file" | "not_csv" | "too_large" | "no_rows" | "too_many_rows" }
  | { code: "columns"; unknown: string[]; missing: string[]; duplicate: string[] }
  | { code: "unterminated_quote" | "stray_quote" | "unreadable"; line: number }
  | { code: "field_count"; line: number; expected: number; got: number };
export type ColumnProblem = Extract<CompletionFileProblem, { code: "columns" }>;

/**
 * The header's problems, all named at once: columns we do not know, columns given twice, and
 * what is missing — `completed_on`, and the enrolment (`enrolment_id`, or `account_number` with
 * `resource_slug`). Score, attendance and evidence are optional columns: the rule decides.
 */
export function checkCompletionColumns(columns: readonly string[]): ColumnProblem | null {
  const seen = new Set<string>();
  const duplicate = new Set<string>();
  for (const c of columns) (seen.has(c) ? duplicate : seen).add(c);
  const unknown = [...seen].filter((c) => !known.has(c));
  const missing: string[] = [];
  if (!seen.has("enrolment_id")) {
    const byAccount = ["account_number", "resource_slug"].filter((c) => !seen.has(c));
    // Neither way of naming the enrolment: ask for the simpler one.
    missing.push(...(byAccount.length === 2 ? ["enrolment_id"] : byAccount));
  }
  if (!seen.has("completed_on")) missing.push("completed_on");
  if (unknown.length + missing.length + duplicate.size === 0) return null;
  return { code: "columns", unknown, missing, duplicate: [...duplicate] };
}

/** The header's problem as field errors keyed by column, for a server action's answer. */
export function columnProblemFields(p: ColumnProblem): FieldErrors {
  return Object.fromEntries([
    ...p.unknown.map((c) => [c, { code: "unknown_field" } as const]),
    ...p.duplicate.map((c) => [c, { code: "invalid" } as const]),
    ...p.missing.map((c) => [c, { code: "required" } as const]),
  ]);
}

/** What can be said of a chosen file before it is read. */
export function checkCompletionFile(
  file: { name: string; size: number } | null | undefined,
): CompletionFileProblem | null {
  if (!file) return { code: "no_file" };
  if (!/\.csv$/i.test(file.name)) return { code: "not_csv" };
  return file.size > MAX_COMPLETION_FILE_BYTES ? { code: "too_large" } : null;
}

// Thrown from inside csv-parse to stop reading once the file is known to be refused.
const stop = Symbol("stop");

/**
 * A CSV text → its columns and rows (each with the line it starts on), or the one reason the
 * whole file is refused. BOM, quoting and line ends are csv-parse's business; rows whose cells
 * are all blank (a spreadsheet's trailing commas) are skipped. Reading stops at the first row
 * past the limit, so a file of 100,000 rows costs no more than one of 5,001.
 */
export function readCompletionCsv(
  text: string,
):
  | { ok: true; columns: string[]; rows: CompletionCsvRow[] }
  | { ok: false; problem: CompletionFileProblem } {
  const reader = new CsvRecordReader(null);
  const rows: CompletionCsvRow[] = [];
  let problem: CompletionFileProblem | null = null;
  try {
    parse(normaliseLineEnds(text), {
      ...csvParseOptions,
      info: false,
      on_record: (record: string[], info: Info) => {
        const r = reader.push(record, info);
        if (!r) {
          problem = checkCompletionColumns(reader.columns);
          if (problem) throw stop;
          return null;
        }
        if (Object.values(r.record).every((v) => v.trim() === "")) return null;
        if (rows.length >= MAX_COMPLETION_ROWS) {
          problem = { code: "too_many_rows" };
          throw stop;
        }
        rows.push({ line: r.line, cells: r.record });
        return null;
      },
    });
  } catch (e) {
    if (e !== stop) problem = fromCsvError(reader.fail(e));
  }
  if (problem) return { ok: false, problem };
  if (rows.length === 0) return { ok: false, problem: { code: "no_rows" } };
  return { ok: true, columns: reader.columns, rows };
}

function fromCsvError(e: CsvFileError): CompletionFileProblem {
  const p = e.problem;
  switch (p.code) {
    case "duplicate_column":
      return { code: "columns", unknown: [], missing: [], duplicate: [p.column] };
    case "unknown_column": // not raised: the reader lets every name through to our check
      return { code: "columns", unknown: [p.column], missing: [], duplicate: [] };
    default:
      return p;
  }
}

/** A row's cells → the input `recordCompletion` parses; blank cells are left out. */
export function csvRowToInput(cells: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, field] of Object.entries(fieldOfColumn)) {
    const v = cells[column];
    if (v !== undefined && v.trim() !== "") out[field] = v;
  }
  return out;
}

/**
 * A refusal's field errors, named by the file's columns (`completedOn` → `completed_on`). A
 * blank cell reported as invalid (the enrolment named neither way) is reported as required.
 */
export function fieldsToColumns(
  fields: FieldErrors | undefined,
  cells: Record<string, string>,
): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const [field, issue] of Object.entries(fields ?? {})) {
    const column = columnOfField.get(field) ?? field;
    const blank = (cells[column] ?? "").trim() === "";
    out[column] = issue.code === "invalid" && blank ? { code: "required" } : issue;
  }
  return out;
}

/**
 * A row with a cell no column can hold, refused in the browser (it is not sent: the server
 * would refuse its whole chunk), naming the cells; null for a row that may be sent.
 */
export function refuseLongCells(row: CompletionCsvRow): CompletionRowReport | null {
  const long = Object.entries(row.cells).filter(([, v]) => v.length > MAX_COMPLETION_CELL_CHARS);
  if (long.length === 0) return null;
  const issue = { code: "too_long", max: MAX_COMPLETION_CELL_CHARS } as const;
  return {
    line: row.line,
    ok: false,
    reason: "validation",
    fields: Object.fromEntries(long.map(([column]) => [column, issue])),
  };
}

export function chunkRows<T>(rows: readonly T[], size = COMPLETION_CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The template: the header, and one example row naming the enrolment by account number and
 * resource slug (an example account: uploaded as it is, that row is refused as not found).
 */
export function completionCsvTemplate(example: { resourceSlug: string; today: string }): string {
  const row: Record<CompletionCsvColumn, string> = {
    enrolment_id: "",
    account_number: formatAccountNumber(Number(example.today.slice(0, 4)), 1234),
    resource_slug: example.resourceSlug,
    score: "85.5",
    attendance_pct: "90",
    completed_on: example.today,
    evidence_url: "https://example.org/evidence/123",
  };
  const line = (values: readonly string[]) => values.map(csvCell).join(",");
  return `${line(COMPLETION_CSV_COLUMNS)}\r\n${line(COMPLETION_CSV_COLUMNS.map((c) => row[c]))}\r\n`;
}
