"use server";

import { revalidatePath } from "next/cache";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { createApiKey, revokeApiKey } from "./keys";

const PAGE = "/[locale]/institution/[slug]/api-keys";

export async function createApiKeyAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  // Checkboxes repeat the name; formToObject keeps only the last value.
  const scopes = form.getAll("scopes").filter((v): v is string => typeof v === "string");
  return runForm({ ...values, scopes: scopes.join(",") }, async () => {
    const created = await createApiKey(await requireViewer(), { ...values, scopes });
    revalidatePath(PAGE, "page");
    // The only time the plaintext leaves the server: shown once, never stored.
    return { status: "ok", values: { apiKey: created.key, name: created.name } };
  });
}

export async function revokeApiKeyAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  return runForm(values, async () => {
    await revokeApiKey(await requireViewer(), values);
    revalidatePath(PAGE, "page");
  });
}
