"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { runForm, type FormState } from "@/lib/form-state";
import { importResources, type ImportRowResult } from "./import";
import { parseImportChunk, toImportRows } from "./import-chunk";
import type { ImportFormat } from "./import-file";
import { getPublishingInstitution } from "./staff-queries";

export type ImportChunkState = FormState & { results: ImportRowResult[] };

/**
 * Import one chunk of a file's rows as drafts (never published: that is for operators at the
 * command line). Every row is checked and authorized by `createResource`.
 */
export async function importChunkAction(
  institutionSlug: string,
  format: ImportFormat,
  rows: { line: number; row: unknown }[],
): Promise<ImportChunkState> {
  let results: ImportRowResult[] = [];
  const state = await runForm({}, async () => {
    const viewer = await requireViewer();
    const chunk = parseImportChunk({ institutionSlug, format, rows });
    // A refusal stops the whole import, instead of coming back once per row.
    await getPublishingInstitution(viewer, chunk.institutionSlug);
    const summary = await importResources(
      { type: "user", viewer },
      chunk.institutionSlug,
      toImportRows(chunk),
    );
    results = summary.results;
    if (summary.created > 0) revalidatePath("/[locale]/institution/[slug]/resources", "page");
  });
  return { ...state, results };
}
