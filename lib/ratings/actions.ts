"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { rateResource } from "./service";

/** The rating form on a resource page. */
export async function rateResourceAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await rateResource(await requireViewer(), values);
    revalidatePath("/[locale]/resources/[slug]", "page");
  });
}
