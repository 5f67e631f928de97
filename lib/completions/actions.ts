"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { voidCompletion } from "./correct";
import type { CompletionRowReport } from "./csv-rows";
import { recordCompletion } from "./record";
import { recordCompletionRows } from "./record-rows";

// Thin boundaries: the services parse, authorize and write; these map the answer to form state.

const page = "/[locale]/institution/[slug]/completions";

/**
 * Record one result from the registrar's page. The answer's params say what happened:
 * `outcome` (pass | fail), `result` (recorded | unchanged), `creditsX100` deposited, `reason`.
 */
export async function recordCompletionAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const { institutionSlug = "", ...input } = values;
  return runForm(values, async () => {
    const r = await recordCompletion(
      { type: "user", viewer: await requireViewer() },
      institutionSlug,
      input,
      "ui",
    );
    revalidatePath(page, "page");
    return {
      status: "ok",
      params: {
        outcome: r.outcome,
        result: r.status,
        creditsX100: r.depositedX100,
        reason: r.reason ?? "",
      },
    };
  });
}

/** A correction: voids the completion (a pass gets its reversal); `reversals` counts them. */
export async function voidCompletionAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    const { reversalIds } = await voidCompletion(await requireViewer(), {
      completionId: values.completionId,
      reason: values.reason,
    });
    revalidatePath(page, "page");
    return { status: "ok", params: { reversals: reversalIds.length } };
  });
}

export type CompletionChunkState = FormState & { rows: CompletionRowReport[] };

/**
 * One chunk of an uploaded CSV (at most 200 rows, each recorded in its own transaction). The
 * page is not revalidated per chunk: the browser refreshes it once the file is done.
 */
export async function recordCompletionRowsAction(chunk: unknown): Promise<CompletionChunkState> {
  let rows: CompletionRowReport[] = [];
  const state = await runForm({}, async () => {
    rows = await recordCompletionRows(await requireViewer(), chunk);
  });
  return { ...state, rows };
}
