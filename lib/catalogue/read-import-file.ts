import fs from "node:fs";
import readline from "node:readline";
import { pipeline, Transform } from "node:stream";
import { parse, type Info } from "csv-parse";
import { csvParseOptions, csvRecordToInput, CsvRecordReader, normaliseLineEnds } from "./csv";
import { parseJsonLine } from "./import";
import type { ImportFormat } from "./import-file";

/**
 * Import files of any size read as streams (command line, seed): memory stays bounded by a
 * batch, not by the file. CSV through csv-parse's stream API, JSON lines through readline.
 */

type Row = { line: number; row: unknown };

/** UTF-8 text with "\r\n" and "\r" turned into "\n" (a "\r" ending one chunk waits for the next). */
function lineEndsToLf(): Transform {
  let pendingCr = false;
  let isFirst = true;
  return new Transform({
    decodeStrings: false,
    transform(chunk: string, _enc, done) {
      let text = (pendingCr ? "\r" : "") + chunk;
      if (isFirst) text = text.replace(/^\uFEFF/, "");
      isFirst = false;
      pendingCr = text.endsWith("\r");
      if (pendingCr) text = text.slice(0, -1);
      done(null, normaliseLineEnds(text));
    },
    flush(done) {
      done(null, pendingCr ? "\n" : "");
    },
  });
}

/** CSV records keyed by the header, each with its first line; CsvFileError for a bad file. */
export async function* readCsvFile(
  file: string,
): AsyncGenerator<{ line: number; record: Record<string, string> }> {
  const reader = new CsvRecordReader();
  const parser = parse(csvParseOptions);
  pipeline(fs.createReadStream(file, { encoding: "utf8" }), lineEndsToLf(), parser, () => {
    // Errors surface through the parser's iteration below.
  });
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: Info;
    }>) {
      const r = reader.push(record, info);
      if (r) yield r;
    }
  } catch (e) {
    throw reader.fail(e);
  } finally {
    parser.destroy();
  }
}

/** Non-blank lines of a JSON lines file, parsed (a line that is not JSON is a row error). */
export async function* readJsonlFile(file: string): AsyncGenerator<Row> {
  const input = fs.createReadStream(file, { encoding: "utf8" });
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line++;
      const row = parseJsonLine(line === 1 ? raw.replace(/^\uFEFF/, "") : raw);
      if (row !== undefined) yield { line, row };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** The rows of an import file, as the import service takes them. */
export async function* readImportFile(file: string, format: ImportFormat): AsyncGenerator<Row> {
  if (format === "jsonl") {
    yield* readJsonlFile(file);
    return;
  }
  for await (const { line, record } of readCsvFile(file)) {
    yield { line, row: csvRecordToInput(record) };
  }
}

/**
 * Read the whole file once before importing anything: a CSV that cannot be read fails here
 * (CsvFileError naming the line), so nothing of it is half-imported. Returns the row count.
 */
export async function scanImportFile(file: string, format: ImportFormat): Promise<number> {
  let rows = 0;
  for await (const row of format === "csv" ? readCsvFile(file) : readJsonlFile(file)) {
    if (row) rows++;
  }
  return rows;
}
