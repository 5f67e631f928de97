"use server";

import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireViewer } from "@/lib/auth/viewer";
import { isForm, notAForm, runForm, type FormState } from "@/lib/form-state";
import { formToObject } from "@/lib/validation";
import { startOnboarding } from "./connect";

/** The payouts page's button: on to Stripe's hosted onboarding (a fresh account link). */
export async function startOnboardingAction(_: FormState, form: FormData): Promise<FormState> {
  if (!isForm(form)) return notAForm;
  const values = formToObject(form);
  const locale = await getLocale();
  let url: string | null = null;
  const state = await runForm(values, async () => {
    url = await startOnboarding(await requireViewer(), values.institutionSlug ?? "", locale);
  });
  if (url) redirect(url);
  return state;
}
