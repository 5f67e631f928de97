"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isAppError } from "@/lib/errors";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { checkpointNow, verifyNow, type LedgerVerifyView } from "./admin";

/** "Write a checkpoint now" on /admin/ledger. */
export async function writeCheckpointAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  return runForm({}, async () => {
    const out = await checkpointNow(await requireViewer());
    revalidatePath("/[locale]/admin/ledger", "page");
    return { status: "ok", params: { outcome: out.status, number: out.number ?? 0 } };
  });
}

export type VerifyState =
  | { status: "idle" }
  | { status: "done"; result: LedgerVerifyView }
  | { status: "error"; reason: string };

/** "Verify now" on /admin/ledger: the verifier's result, for the page to show. */
export async function verifyLedgerAction(_: VerifyState, form: FormData): Promise<VerifyState> {
  if (!isForm(form)) return { status: "error", reason: notAForm.reason! };
  try {
    return { status: "done", result: await verifyNow(await requireViewer()) };
  } catch (e) {
    if (isAppError(e)) return { status: "error", reason: e.reason };
    throw e;
  }
}
