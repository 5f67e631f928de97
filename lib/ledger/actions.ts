"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { setNameOnCredentials } from "./name-on-credentials";

/** The switch on /learn/credits: show my name on credentials issued from now on. */
export async function setNameOnCredentialsAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await setNameOnCredentials(await requireViewer(), values);
    revalidatePath("/[locale]/learn/credits", "page");
  });
}
