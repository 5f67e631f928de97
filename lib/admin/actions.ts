"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { setAccountDisabled } from "./accounts";

export async function setAccountDisabledAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await setAccountDisabled(await requireViewer(), values);
    revalidatePath("/[locale]/admin/accounts", "page");
  });
}
