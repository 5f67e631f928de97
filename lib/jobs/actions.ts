"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { retryDeadLetter } from "./dead-letters";

export async function retryDeadLetterAction(_: FormState, form: FormData): Promise<FormState> {
  const values = formToObject(form);
  return runForm(values, async () => {
    await retryDeadLetter(await requireViewer(), values);
    revalidatePath("/[locale]/admin/jobs", "page");
  });
}
