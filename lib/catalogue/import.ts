import { getDb } from "@/db";
import { isAppError, type FieldErrors } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { UNKNOWN_FIELD_CODE } from "@/lib/standard/defaults";
import { createResource } from "./create-resource";

export type ImportRowResult =
  | { line: number; ok: true; id: string; slug: string }
  | { line: number; ok: false; message: string; fields?: FieldErrors };

export type ImportSummary = { created: number; failed: number; results: ImportRowResult[] };

/** A row whose field of study is missing or not an ISCED-F code gets the "unknown" code. */
async function withKnownField(row: unknown, known: Set<string>): Promise<unknown> {
  if (row === null || typeof row !== "object" || Array.isArray(row)) return row;
  const r = row as Record<string, unknown>;
  return typeof r.fieldCode === "string" && known.has(r.fieldCode)
    ? r
    : { ...r, fieldCode: UNKNOWN_FIELD_CODE };
}

/**
 * Import resources one row at a time, each in its own transaction: a bad row is reported with
 * its line and fields and the others still go in. `publish` (operators migrating an approved
 * catalogue) publishes at once; it is audited per resource.
 */
export async function importResources(
  actor: Actor,
  institutionSlug: string,
  rows: Iterable<{ line: number; row: unknown }> | AsyncIterable<{ line: number; row: unknown }>,
  opts: { publish?: boolean; onProgress?: (done: number) => void } = {},
): Promise<ImportSummary> {
  if (opts.publish && actor.type !== "operator") {
    throw new Error("Only an operator at the command line may import published");
  }
  const db = await getDb();
  const known = new Set(
    (await db.query.fieldsOfStudy.findMany({ columns: { code: true } })).map((f) => f.code),
  );
  const results: ImportRowResult[] = [];
  let created = 0;
  for await (const { line, row } of rows) {
    try {
      const r = await createResource(actor, institutionSlug, await withKnownField(row, known), {
        publish: opts.publish,
      });
      results.push({ line, ok: true, id: r.id, slug: r.slug });
      created++;
    } catch (e) {
      if (!isAppError(e)) throw e;
      results.push({ line, ok: false, message: e.message, fields: e.fields });
    }
    opts.onProgress?.(results.length);
  }
  return { created, failed: results.length - created, results };
}

/** Lines of JSONL → rows; a line that is not JSON becomes a row error, not a crash. */
export function* parseJsonLines(text: string): Generator<{ line: number; row: unknown }> {
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    if (!raw.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      // Not an object, so the row is refused as a whole ("_"), not for a made-up key.
      row = raw.slice(0, 80);
    }
    yield { line: i + 1, row };
  }
}
