import { parse, type CsvError, type Info } from "csv-parse/browser/esm/sync";

/**
 * CSV import files through csv-parse (RFC 4180, BOM). Pure: the browser parses a chosen file
 * with the sync build, the command line streams with the Node build (read-import-file.ts); both
 * go through `CsvRecordReader`, so a file is refused for the same reasons with the same line.
 */

/** The columns `csvRecordToInput` reads, in the order of the example. */
export const CSV_COLUMNS = [
  "slug",
  "kind",
  "titleZh",
  "titleEn",
  "summaryZh",
  "summaryEn",
  "descriptionMd",
  "fieldCode",
  "level",
  "creditsX100",
  "learningHours",
  "languages",
  "deliveryMode",
  "assessment",
  "minScore",
  "minAttendancePct",
  "prerequisites",
  "capacity",
  "outcomesZh",
  "outcomesEn",
  "learnerPriceMinor",
  "seatPriceMinor",
  "seatMinQuantity",
  "siteLicencePriceMinor",
] as const;
const knownColumns = new Set<string>(CSV_COLUMNS);

/** Why a whole file is refused: nothing of it is imported. */
export type CsvProblem =
  | { code: "unterminated_quote" | "stray_quote" | "unreadable"; line: number }
  | { code: "field_count"; line: number; expected: number; got: number }
  | { code: "duplicate_column" | "unknown_column"; line: number; column: string };

export class CsvFileError extends Error {
  readonly problem: CsvProblem;
  constructor(problem: CsvProblem) {
    super(describeCsvProblem(problem));
    this.name = "CsvFileError";
    this.problem = problem;
  }
}

export function describeCsvProblem(p: CsvProblem): string {
  switch (p.code) {
    case "unterminated_quote":
      return `line ${p.line}: a quoted cell is never closed (a missing or extra ")`;
    case "stray_quote":
      return `line ${p.line}: a quote inside an unquoted cell, or text after a closing quote (write "" for a quote inside a quoted cell)`;
    case "field_count":
      return `line ${p.line}: ${p.got} cells where the header has ${p.expected}`;
    case "duplicate_column":
      return `line ${p.line}: the column "${p.column}" appears twice in the header`;
    case "unknown_column":
      return `line ${p.line}: unknown column "${p.column}" (columns: ${CSV_COLUMNS.join(", ")})`;
    default:
      return `line ${p.line}: the file cannot be read as CSV`;
  }
}

/**
 * csv-parse options shared by both builds. Line ends are normalised to "\n" before parsing
 * (`normaliseLineEnds`): csv-parse counts a CRLF inside a quoted cell as two lines, which would
 * shift the line of every later row.
 */
export const csvParseOptions = {
  bom: true,
  info: true,
  skip_empty_lines: true,
  record_delimiter: "\n",
} as const;

export function normaliseLineEnds(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

const newlines = (cells: string[]) =>
  cells.reduce((n, c) => n + (c.includes("\n") ? c.split("\n").length - 1 : 0), 0);

/** Header checks and each record's first line; `fail` turns a csv-parse error into ours. */
export class CsvRecordReader {
  private keys: (string | null)[] | null = null;
  private lastLine = 0;
  private lastEmptyLines = 0;
  private readonly known: ReadonlySet<string> | null;

  /** `known`: the columns a header may name; null lets any name through (the caller checks). */
  constructor(known: ReadonlySet<string> | null = knownColumns) {
    this.known = known;
  }

  /** The header's named columns, once it is read. */
  get columns(): string[] {
    return (this.keys ?? []).filter((k): k is string => k !== null);
  }

  /** A parsed record → its line and cells keyed by the header (null for the header itself). */
  push(cells: string[], info: Pick<Info, "lines" | "empty_lines">) {
    // csv-parse reports the line a record ends on; a quoted cell may span several.
    const line = info.lines - newlines(cells);
    this.lastLine = info.lines;
    this.lastEmptyLines = info.empty_lines;
    if (!this.keys) {
      this.keys = this.readHeader(cells, line);
      return null;
    }
    const record: Record<string, string> = {};
    this.keys.forEach((k, i) => {
      if (k !== null) record[k] = cells[i] ?? "";
    });
    return { line, record };
  }

  private readHeader(cells: string[], line: number): (string | null)[] {
    const seen = new Set<string>();
    return cells.map((raw) => {
      const column = raw.trim();
      // A column without a name (a trailing comma from a spreadsheet) carries nothing.
      if (column === "") return null;
      if (seen.has(column)) throw new CsvFileError({ code: "duplicate_column", line, column });
      if (this.known && !this.known.has(column))
        throw new CsvFileError({ code: "unknown_column", line, column });
      seen.add(column);
      return column;
    });
  }

  fail(e: unknown): CsvFileError {
    if (e instanceof CsvFileError) return e;
    const err = e as Partial<CsvError> & { lines?: number; empty_lines?: number };
    switch (err.code) {
      // Reported at the end of the file: the open quote is in the first line of the record
      // after the last complete one (skipping empty lines).
      case "CSV_QUOTE_NOT_CLOSED":
        return new CsvFileError({
          code: "unterminated_quote",
          line: this.lastLine + 1 + Math.max(0, (err.empty_lines ?? 0) - this.lastEmptyLines),
        });
      case "INVALID_OPENING_QUOTE":
      case "CSV_INVALID_CLOSING_QUOTE":
        return new CsvFileError({ code: "stray_quote", line: err.lines ?? this.lastLine + 1 });
      case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH": {
        const got = (err as { record?: unknown[] }).record?.length ?? 0;
        return new CsvFileError({
          code: "field_count",
          line: err.lines ?? this.lastLine + 1,
          expected: this.keys?.length ?? 0,
          got,
        });
      }
      default:
        if (!err.code) throw e; // not a parse error: a bug, not the file's fault
        return new CsvFileError({ code: "unreadable", line: err.lines ?? this.lastLine + 1 });
    }
  }
}

/** A whole CSV text → records keyed by the header, each with its first line; CsvFileError. */
export function parseCsv(text: string): { line: number; record: Record<string, string> }[] {
  const reader = new CsvRecordReader();
  const out: { line: number; record: Record<string, string> }[] = [];
  try {
    // Records are taken as they are parsed, so an error knows the last good line.
    parse(normaliseLineEnds(text), {
      ...csvParseOptions,
      info: false,
      on_record: (record: string[], info: Info) => {
        const r = reader.push(record, info);
        if (r) out.push(r);
        return null;
      },
    });
  } catch (e) {
    throw reader.fail(e);
  }
  return out;
}

/** A parsed number when the cell is an integer; else the text, so validation names the field. */
const num = (v: string | undefined) =>
  v === undefined || v.trim() === "" ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v) : v;
const list = (v: string | undefined, sep: string) =>
  v
    ? v
        .split(sep)
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * A flat CSV record → the create-resource input. Numbers stay strings when they are not
 * integers, so validation names the field instead of guessing.
 */
export function csvRecordToInput(r: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const copy = [
    "slug",
    "kind",
    "titleZh",
    "titleEn",
    "summaryZh",
    "summaryEn",
    "descriptionMd",
    "fieldCode",
    "deliveryMode",
    "assessment",
    "prerequisites",
  ];
  for (const k of copy) if (r[k] !== undefined && r[k] !== "") out[k] = r[k];
  for (const k of ["level", "creditsX100", "learningHours", "capacity"]) {
    const v = num(r[k]);
    if (v !== undefined) out[k] = v;
  }
  const languages = list(r.languages, ";");
  if (languages) out.languages = languages;
  const zh = list(r.outcomesZh, "|") ?? [];
  const en = list(r.outcomesEn, "|") ?? [];
  if (zh.length || en.length) {
    out.outcomes = Array.from({ length: Math.max(zh.length, en.length) }, (_, i) => ({
      zh: zh[i] ?? "",
      en: en[i] ?? "",
    }));
  }
  if (r.minScore || r.minAttendancePct) {
    out.completionRule = {
      minScore: num(r.minScore) ?? null,
      minAttendancePct: num(r.minAttendancePct) ?? null,
    };
  }
  const offers: Record<string, unknown> = {};
  if (r.learnerPriceMinor) offers.learner = { amountMinor: num(r.learnerPriceMinor) };
  if (r.seatPriceMinor)
    offers.seat = { amountMinor: num(r.seatPriceMinor), minQuantity: num(r.seatMinQuantity) ?? 1 };
  if (r.siteLicencePriceMinor) offers.siteLicence = { amountMinor: num(r.siteLicencePriceMinor) };
  if (Object.keys(offers).length) out.offers = offers;
  return out;
}
