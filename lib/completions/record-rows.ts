import { z } from "zod";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError, isAppError } from "@/lib/errors";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { parseInput } from "@/lib/validation";
import {
  COMPLETION_CHUNK_ROWS,
  MAX_COMPLETION_CELL_CHARS,
  MAX_COMPLETION_ROWS,
  checkCompletionColumns,
  columnProblemFields,
  csvRowToInput,
  fieldsToColumns,
  type CompletionRowReport,
} from "./csv-rows";
import { recordCompletion } from "./record";

/**
 * One chunk of a file as the browser read it: its header (checked again here, so a file with
 * wrong columns records nothing whoever sends it), the file's row count, and at most
 * COMPLETION_CHUNK_ROWS rows of cells keyed by the header.
 */
export const completionChunkSchema = z
  .strictObject({
    institutionSlug: z.string().trim().min(1).max(120),
    columns: z.array(z.string().max(200)).min(1).max(50),
    totalRows: z.number().int().min(1),
    rows: z
      .array(
        z.strictObject({
          line: z.number().int().positive(),
          cells: z.record(z.string().max(200), z.string().max(MAX_COMPLETION_CELL_CHARS)),
        }),
      )
      .min(1)
      .max(COMPLETION_CHUNK_ROWS),
  })
  .superRefine((chunk, ctx) => {
    const columns = new Set(chunk.columns);
    chunk.rows.forEach((r, i) => {
      for (const k of Object.keys(r.cells)) {
        if (!columns.has(k)) {
          ctx.addIssue({ code: "unrecognized_keys", keys: [k], path: ["rows", i, "cells"] });
        }
      }
    });
  });

// Refusals that stop the whole upload: the person may not record here (any more).
const stopsTheUpload = new Set(["forbidden", "institution_not_active", "sign_in_required"]);

/**
 * Record a chunk of an uploaded file through `recordCompletion`: a bad row refuses only itself
 * and a row sent again comes back `unchanged`. A file with wrong
 * columns or over MAX_COMPLETION_ROWS rows is refused whole before any row is looked at.
 */
export async function recordCompletionRows(
  viewer: Viewer,
  input: unknown,
): Promise<CompletionRowReport[]> {
  const chunk = parseInput(completionChunkSchema, input);
  const problem = checkCompletionColumns(chunk.columns);
  if (problem) {
    throw new AppError("BAD_REQUEST", "csv_columns", "The file's columns are wrong", {
      fields: columnProblemFields(problem),
    });
  }
  if (chunk.totalRows > MAX_COMPLETION_ROWS) {
    throw new AppError(
      "BAD_REQUEST",
      "csv_too_many_rows",
      `A file has at most ${MAX_COMPLETION_ROWS} rows`,
    );
  }
  // Refused at once rather than row by row; each row checks again in its transaction.
  await getInstitutionForStaff(await getDb(), viewer, chunk.institutionSlug, "completions:record");
  // Submitted together: the rows are recorded in shared transactions (recordCompletion's batches),
  // each row answered on its own; rows naming one enrolment are taken in file order.
  const settled = await Promise.allSettled(
    chunk.rows.map(({ cells }) =>
      recordCompletion(
        { type: "user", viewer },
        chunk.institutionSlug,
        csvRowToInput(cells),
        "csv",
      ),
    ),
  );
  return settled.map((s, k): CompletionRowReport => {
    const { line, cells } = chunk.rows[k]!;
    if (s.status === "fulfilled") {
      const r = s.value;
      return {
        line,
        ok: true,
        status: r.status,
        outcome: r.outcome,
        reason: r.reason,
        depositedX100: r.depositedX100,
      };
    }
    const e: unknown = s.reason;
    if (!isAppError(e) || stopsTheUpload.has(e.reason)) throw e;
    return { line, ok: false, reason: e.reason, fields: fieldsToColumns(e.fields, cells) };
  });
}
