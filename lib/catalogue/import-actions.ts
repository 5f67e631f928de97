"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { runForm, type FormState } from "@/lib/form-state";
import { createImport } from "./create-import";
import { importResources, type ImportRowResult } from "./import";
import { parseImportChunk, toImportRows } from "./import-chunk";

export type StartImportState = FormState & { importId: string | null };
export type ImportChunkState = FormState & { results: ImportRowResult[] };

/** Open an import before the first chunk; every chunk names its id. */
export async function startImportAction(
  institutionSlug: unknown,
  format: unknown,
): Promise<StartImportState> {
  let importId: string | null = null;
  const state = await runForm({}, async () => {
    const viewer = await requireViewer();
    importId = (await createImport({ type: "user", viewer }, { institutionSlug, format })).id;
  });
  return { ...state, importId };
}

/**
 * Import one chunk of a file's rows as drafts (never published: that is for operators at the
 * command line). The service checks the import belongs to the institution and the viewer may
 * edit its resources; a chunk sent again reports its rows as already imported.
 */
export async function importChunkAction(chunkInput: unknown): Promise<ImportChunkState> {
  let results: ImportRowResult[] = [];
  const state = await runForm({}, async () => {
    const viewer = await requireViewer();
    const chunk = parseImportChunk(chunkInput);
    const summary = await importResources(
      { type: "user", viewer },
      chunk.institutionSlug,
      toImportRows(chunk),
      { importId: chunk.importId, format: chunk.format },
    );
    results = summary.results;
    if (summary.created > 0) revalidatePath("/[locale]/institution/[slug]/resources", "page");
  });
  return { ...state, results };
}
