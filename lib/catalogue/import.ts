import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { catalogueImportRows, catalogueImports, fieldsOfStudy, resources } from "@/db/schema";
import { AppError, isAppError, notFound, type FieldErrors } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { currency } from "./create-resource";
import { insertImportBatch, type BatchTarget, type ValidRow } from "./import-batch";
import {
  checkImportRow,
  explicitSlugs,
  type ImportCheckContext,
  type ImportWarning,
} from "./import-check";
import type { ImportFormat } from "./import-file";
import { withInstitution, withInstitutionById } from "@/lib/institutions/with-institution";
import { longerInstitutionSlugs } from "./resource-slug";

export type { ImportWarning };
export type ImportRowResult =
  | {
      line: number;
      ok: true;
      id: string;
      slug: string;
      /** Imported by an earlier send of the same import: nothing was created now. */
      alreadyImported?: true;
      warnings?: ImportWarning[];
    }
  | { line: number; ok: false; message: string; fields?: FieldErrors; warnings?: ImportWarning[] };

export type ImportSummary = {
  created: number;
  alreadyImported: number;
  failed: number;
  results: ImportRowResult[];
};
type Row = { line: number; row: unknown };
type Setup = { db: Db; check: ImportCheckContext; target: BatchTarget };

/** Rows per transaction: large enough for multi-row inserts to pay, small enough to retry. */
export const IMPORT_BATCH_ROWS = 500;

/**
 * Import rows in batches of one transaction each. Every row is checked first and reports all
 * its problems; the valid rows of a batch go in together, and a batch the database refuses is
 * retried row by row, so a bad row never takes good ones with it. With `importId`, a line
 * already imported under that id is reported with its resource and not created again.
 * `publish` (operators migrating an approved catalogue) publishes at once, audited per resource.
 */
export async function importResources(
  actor: Actor,
  institutionSlug: string,
  rows: Iterable<Row> | AsyncIterable<Row>,
  opts: {
    publish?: boolean;
    importId?: string;
    format?: ImportFormat;
    onProgress?: (done: number) => void;
    batchRows?: number;
  } = {},
): Promise<ImportSummary> {
  if (opts.publish && actor.type !== "operator") {
    throw new Error("Only an operator at the command line may import published");
  }
  const setup = await prepare(actor, institutionSlug, opts);
  const size = opts.batchRows ?? IMPORT_BATCH_ROWS;
  const results: ImportRowResult[] = [];
  let batch: Row[] = [];
  const flush = async () => {
    results.push(...(await importBatch(setup, batch)));
    batch = [];
    opts.onProgress?.(results.length);
  };
  for await (const r of rows) {
    batch.push(r);
    if (batch.length >= size) await flush();
  }
  if (batch.length > 0) await flush();
  const created = results.filter((r) => r.ok && !r.alreadyImported).length;
  const failed = results.filter((r) => !r.ok).length;
  return { created, failed, alreadyImported: results.length - created - failed, results };
}

/** Who may import where, checked once in the service; what every row is checked against. */
async function prepare(
  actor: Actor,
  institutionSlug: string,
  opts: { publish?: boolean; importId?: string; format?: ImportFormat },
): Promise<Setup> {
  const db = await getDb();
  // Checked up front (a refusal stops the whole import) and again under the lock in each batch.
  const inst = await db.transaction((tx) =>
    withInstitution(tx, actor, institutionSlug, "resources:edit"),
  );
  if (opts.importId) {
    const [imp] = await db
      .select({ format: catalogueImports.format })
      .from(catalogueImports)
      .where(
        and(eq(catalogueImports.id, opts.importId), eq(catalogueImports.institutionId, inst.id)),
      );
    // Another institution's import is as unknown as a missing one.
    if (!imp) throw notFound("Import not found");
    if (opts.format && imp.format !== opts.format) {
      throw new AppError("BAD_REQUEST", "validation", "format: not the import's format", {
        fields: { format: { code: "mismatch" } },
      });
    }
  }
  const knownFields = new Set(
    (await db.select({ code: fieldsOfStudy.code }).from(fieldsOfStudy)).map((f) => f.code),
  );
  return {
    db,
    check: {
      institutionSlug: inst.slug,
      knownFields,
      longerSlugs: await longerInstitutionSlugs(db, inst.slug),
    },
    target: {
      actor,
      institutionId: inst.id,
      currency: await currency(db),
      publish: !!opts.publish,
      importId: opts.importId ?? null,
    },
  };
}

/** Lines of this import already imported, with their resources. */
async function importedLines(setup: Setup, lines: number[]) {
  const { importId } = setup.target;
  if (!importId || lines.length === 0) return new Map<number, { id: string; slug: string }>();
  const rows = await setup.db
    .select({ line: catalogueImportRows.line, id: resources.id, slug: resources.slug })
    .from(catalogueImportRows)
    .innerJoin(resources, eq(resources.id, catalogueImportRows.resourceId))
    .where(
      and(eq(catalogueImportRows.importId, importId), inArray(catalogueImportRows.line, lines)),
    );
  return new Map(rows.map((r) => [r.line, { id: r.id, slug: r.slug }]));
}

async function takenSlugs(setup: Setup, slugs: string[]): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await setup.db
    .select({ slug: resources.slug })
    .from(resources)
    .where(inArray(resources.slug, slugs));
  return new Set(rows.map((r) => r.slug));
}

async function importBatch(setup: Setup, batch: Row[]): Promise<ImportRowResult[]> {
  const done = await importedLines(
    setup,
    batch.map((r) => r.line),
  );
  const taken = await takenSlugs(setup, explicitSlugs(batch));
  const seen = new Set<string>();
  const results: ImportRowResult[] = [];
  const valid: (ValidRow & { at: number; warnings: ImportWarning[] })[] = [];
  for (const { line, row } of batch) {
    const prior = done.get(line);
    if (prior) {
      results.push({ line, ok: true, ...prior, alreadyImported: true });
      continue;
    }
    const c = checkImportRow(row, setup.check, taken, seen);
    const warnings = c.warnings.length > 0 ? { warnings: c.warnings } : {};
    if (c.ok) {
      valid.push({ line, input: c.input, slug: c.slug, at: results.length, warnings: c.warnings });
    }
    results.push(
      c.ok
        ? { line, ok: true, id: "", slug: c.slug, ...warnings }
        : { line, ok: false, message: c.message, fields: c.fields, ...warnings },
    );
  }
  if (valid.length === 0) return results;
  try {
    const created = await setup.db.transaction(async (tx) => {
      await withInstitutionById(
        tx,
        setup.target.actor,
        setup.target.institutionId,
        "resources:edit",
      );
      return insertImportBatch(tx, setup.target, valid);
    });
    created.forEach((c, i) => Object.assign(results[valid[i]!.at]!, { id: c.id }));
  } catch (e) {
    if (valid.length > 1) {
      // Each row again on its own, checked afresh, so only the rows at fault are refused.
      for (const v of valid) results[v.at] = (await importBatch(setup, [batch[v.at]!]))[0]!;
      return results;
    }
    const v = valid[0]!;
    const prior = isUniqueViolation(e) ? (await importedLines(setup, [v.line])).get(v.line) : null;
    results[v.at] = prior
      ? { line: v.line, ok: true, ...prior, alreadyImported: true }
      : { ...rowRefusal(e, v.line), ...(v.warnings.length > 0 ? { warnings: v.warnings } : {}) };
  }
  return results;
}

/** The error of the database (drizzle wraps it in `cause`). */
function dbError(e: unknown): { code?: string; message?: string } {
  const err = e as { code?: unknown; message?: string; cause?: unknown };
  if (typeof err?.code === "string") return { code: err.code, message: err.message };
  return err?.cause ? dbError(err.cause) : {};
}

const isUniqueViolation = (e: unknown) => dbError(e).code === "23505";

/**
 * A row the database refused though it passed the checks: a slug taken meanwhile, or a rule
 * only the database knows (classes 22 data exception, 23 integrity). Anything else (a lost
 * connection, a bug) stops the import: the rows imported so far stay, each batch whole.
 */
function rowRefusal(e: unknown, line: number): Extract<ImportRowResult, { ok: false }> {
  if (isAppError(e)) return { line, ok: false, message: e.message, fields: e.fields };
  const { code, message } = dbError(e);
  if (code === "23505") {
    return { line, ok: false, message: "slug: taken", fields: { slug: { code: "taken" } } };
  }
  if (code && /^2[23]/.test(code)) {
    return { line, ok: false, message: `Refused by the database: ${message ?? code}` };
  }
  throw e;
}

/**
 * After a bulk import: fresh statistics, and a visibility map that lets index-only scans work
 * (search right after an import is then as fast as later; autovacuum may take minutes, or be
 * off). VACUUM cannot run inside a transaction, so this is its own statement, after the batches.
 */
export async function vacuumImportedTables(): Promise<void> {
  const db = await getDb();
  await db.execute(
    sql.raw(
      "vacuum analyze resources, resource_versions, resource_offers, catalogue_search, search_lexicon, catalogue_import_rows, audit_log",
    ),
  );
}

/** Lines of JSONL → rows; a line that is not JSON becomes a row error, not a crash. */
export function* parseJsonLines(text: string): Generator<Row> {
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const row = parseJsonLine(raw);
    if (row !== undefined) yield { line: i + 1, row };
  }
}

/** One line of JSONL: undefined when blank, the raw text (refused as a whole) when not JSON. */
export function parseJsonLine(raw: string): unknown {
  if (!raw.trim()) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // Not an object, so the row is refused as a whole ("_"), not for a made-up key.
    return raw.slice(0, 80);
  }
}
