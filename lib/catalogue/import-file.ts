import { CSV_COLUMNS, CsvFileError, parseCsv, type CsvProblem } from "./csv";

export { CSV_COLUMNS };

/**
 * A file chosen in the institution UI, split into rows in the browser and sent in chunks.
 * Pure: imported by the client component and, for its limits, by the server.
 */

export const MAX_IMPORT_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5_000;
export const IMPORT_CHUNK_ROWS = 50;
/** Server side, per chunk: rows, and characters of all lines or cells (keys included). */
export const MAX_CHUNK_ROWS = 100;
export const MAX_CHUNK_CHARS = 1_000_000;
/** A row this large cannot be a valid resource; the browser refuses it without sending it. */
export const MAX_ROW_BYTES = 500_000;
export const IMPORT_FILE_ACCEPT = ".csv,.jsonl,.ndjson,.json";

export type ImportFormat = "csv" | "jsonl";
export type ImportFileProblem =
  "unsupported_type" | "too_large" | "no_rows" | "too_many_rows" | "csv_invalid";
export type FileRow = { line: number; row: string | Record<string, string> };
export type FileRows =
  | { format: "csv"; rows: { line: number; row: Record<string, string> }[] }
  | { format: "jsonl"; rows: { line: number; row: string }[] };

export function formatOfFileName(name: string): ImportFormat | null {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === "csv") return "csv";
  return ext === "jsonl" || ext === "ndjson" || ext === "json" ? "jsonl" : null;
}

/** What is wrong with the file before it is read (name and declared size only). */
export function checkImportFile(file: { name: string; size: number }): ImportFileProblem | null {
  if (!formatOfFileName(file.name)) return "unsupported_type";
  return file.size > MAX_IMPORT_FILE_BYTES ? "too_large" : null;
}

/**
 * Split the text into rows, keeping each row's line in the file. CSV keeps its header (records
 * are keyed by it; the server maps them); JSON lines stay text (the server parses them). A CSV
 * that cannot be read (an unclosed or stray quote, a repeated column…) is refused whole.
 */
export function splitImportFile(
  format: ImportFormat,
  text: string,
): { ok: true; file: FileRows } | { ok: false; problem: ImportFileProblem; csv?: CsvProblem } {
  const src = text.replace(/^\uFEFF/, "");
  let file: FileRows;
  if (format === "csv") {
    try {
      file = { format, rows: parseCsv(src).map(({ line, record }) => ({ line, row: record })) };
    } catch (e) {
      if (e instanceof CsvFileError) return { ok: false, problem: "csv_invalid", csv: e.problem };
      throw e;
    }
  } else {
    file = {
      format,
      rows: src
        .split(/\r?\n/)
        .map((row, i) => ({ line: i + 1, row }))
        .filter(({ row }) => row.trim() !== ""),
    };
  }
  if (file.rows.length === 0) return { ok: false, problem: "no_rows" };
  if (file.rows.length > MAX_IMPORT_ROWS) return { ok: false, problem: "too_many_rows" };
  return { ok: true, file };
}

const encoder = new TextEncoder();

/**
 * Chunks of at most `maxRows` rows and `maxBytes` (UTF-8 of the JSON sent), which keeps each
 * request under the server's limits; rows over MAX_ROW_BYTES are left out and named.
 */
export function chunkRows<T extends FileRow>(
  rows: readonly T[],
  maxRows = IMPORT_CHUNK_ROWS,
  maxBytes = MAX_CHUNK_CHARS,
): { chunks: T[][]; oversized: number[] } {
  const chunks: T[][] = [];
  const oversized: number[] = [];
  let chunk: T[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = encoder.encode(JSON.stringify(r.row)).length;
    if (size > MAX_ROW_BYTES) {
      oversized.push(r.line);
      continue;
    }
    if (chunk.length > 0 && (chunk.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(r);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return { chunks, oversized };
}

export function isJsonText(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A small example file whose rows are valid for the institution (slugs carry its prefix). */
export function exampleCsv(institutionSlug: string): string {
  const rows: Record<(typeof CSV_COLUMNS)[number], string>[] = [
    {
      slug: `${institutionSlug}-management-accounting`,
      kind: "course",
      titleZh: "管理会计学",
      titleEn: "Management Accounting",
      summaryZh: "面向企业管理的会计方法。",
      summaryEn: "Accounting methods for managing a business.",
      descriptionMd: "## Contents\n\nBudgets, costs and performance.",
      fieldCode: "041",
      level: "6",
      creditsX100: "300",
      learningHours: "48",
      languages: "zh;en",
      deliveryMode: "online",
      assessment: "Final examination",
      minScore: "60",
      minAttendancePct: "",
      prerequisites: "",
      capacity: "200",
      outcomesZh: "编制预算|分析成本",
      outcomesEn: "Prepare a budget|Analyse costs",
      learnerPriceMinor: "19900",
      seatPriceMinor: "15000",
      seatMinQuantity: "10",
      siteLicencePriceMinor: "",
    },
    {
      slug: "",
      kind: "learning_resource",
      titleZh: "",
      titleEn: "Reading Financial Statements",
      summaryZh: "",
      summaryEn: "A short guide, without assessment.",
      descriptionMd: "",
      fieldCode: "041",
      level: "4",
      creditsX100: "0",
      learningHours: "3",
      languages: "en",
      deliveryMode: "online",
      assessment: "",
      minScore: "",
      minAttendancePct: "",
      prerequisites: "",
      capacity: "",
      outcomesZh: "",
      outcomesEn: "",
      learnerPriceMinor: "0",
      seatPriceMinor: "",
      seatMinQuantity: "",
      siteLicencePriceMinor: "",
    },
  ];
  const lines = [
    CSV_COLUMNS.join(","),
    ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(",")),
  ];
  return lines.join("\r\n") + "\r\n";
}
