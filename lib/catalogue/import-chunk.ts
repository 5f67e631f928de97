import { z } from "zod";
import { parseInput } from "@/lib/validation";
import { csvRecordToInput } from "./csv";
import { parseJsonLine } from "./import";
import { MAX_CHUNK_CHARS, MAX_CHUNK_ROWS } from "./import-file";

const line = z.number().int().positive();
const institutionSlug = z.string().trim().min(1).max(120);
const importId = z.uuid();

// A CSV record as the browser parsed it: only strings, mapped to the input here.
const csvChunkSchema = z.strictObject({
  importId,
  institutionSlug,
  format: z.literal("csv"),
  rows: z
    .array(z.strictObject({ line, row: z.record(z.string(), z.string()) }))
    .max(MAX_CHUNK_ROWS),
});

// One line of a JSON lines file, parsed here (a newline would smuggle in a second row).
const jsonlChunkSchema = z.strictObject({
  importId,
  institutionSlug,
  format: z.literal("jsonl"),
  rows: z.array(z.strictObject({ line, row: z.string().regex(/^[^\r\n]*$/) })).max(MAX_CHUNK_ROWS),
});

const charsOf = (row: string | Record<string, string>) =>
  typeof row === "string"
    ? row.length
    : Object.entries(row).reduce((n, [k, v]) => n + k.length + v.length, 0);

export const importChunkSchema = z
  .discriminatedUnion("format", [csvChunkSchema, jsonlChunkSchema])
  .refine((c) => c.rows.reduce<number>((n, r) => n + charsOf(r.row), 0) <= MAX_CHUNK_CHARS, {
    path: ["rows"],
    params: { code: "too_long" },
    message: "chunk too large",
  });
export type ImportChunk = z.output<typeof importChunkSchema>;

/** The arguments of the import action from the browser; BAD_REQUEST naming the bad part. */
export function parseImportChunk(input: unknown): ImportChunk {
  return parseInput(importChunkSchema, input);
}

/** Rows for `importResources`: CSV records mapped, JSON lines parsed (a bad one a row error). */
export function toImportRows(chunk: ImportChunk): { line: number; row: unknown }[] {
  if (chunk.format === "csv") {
    return chunk.rows.map(({ line, row }) => ({ line, row: csvRecordToInput(row) }));
  }
  return chunk.rows.map(({ line, row }) => ({
    line,
    row: parseJsonLine(row) ?? null,
  }));
}
