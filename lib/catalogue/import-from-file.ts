import type { Actor } from "@/lib/auth/actor";
import { createImport } from "./create-import";
import { importResources, type ImportSummary } from "./import";
import type { ImportFormat } from "./import-file";
import { readImportFile, scanImportFile } from "./read-import-file";

/**
 * The command line's import of a file of any size: a first streamed pass checks the whole file
 * (a CSV that cannot be read throws CsvFileError before anything is written), a second imports
 * it in batches under one import id (`resumeId` to go on with an earlier one).
 */
export async function importFromFile(
  actor: Actor,
  institutionSlug: string,
  file: string,
  format: ImportFormat,
  opts: {
    publish?: boolean;
    resumeId?: string;
    onStart?: (total: number) => void;
    onProgress?: (done: number) => void;
  } = {},
): Promise<ImportSummary & { importId: string; total: number }> {
  const total = await scanImportFile(file, format);
  opts.onStart?.(total);
  const importId =
    opts.resumeId ?? (await createImport(actor, { institutionSlug, format }, "cli")).id;
  const summary = await importResources(actor, institutionSlug, readImportFile(file, format), {
    publish: opts.publish,
    importId,
    format,
    onProgress: opts.onProgress,
  });
  return { ...summary, importId, total };
}
