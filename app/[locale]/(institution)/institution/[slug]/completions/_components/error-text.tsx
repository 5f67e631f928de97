"use client";

import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";
import type { FormState } from "@/lib/form-state";

/**
 * A refusal in words (`errors.<reason>`), and the fields named that the form has no input for
 * (the enrolment, a crafted request's extra field): those inputs show their own message.
 */
export function ErrorText({
  state,
  formFields,
}: {
  state: FormState;
  formFields: readonly string[];
}) {
  const t = useTranslations("errors");
  const tv = useTranslations("validation");
  const tf = useTranslations("completions.fields");
  const reason = state.reason ?? "";
  const others = Object.entries(state.fields ?? {}).filter(([f]) => !formFields.includes(f));
  return (
    <Notice tone="error">
      {t(t.has(reason) ? reason : "unexpected", { seconds: 0, ...state.params })}
      {others.map(([field, issue]) => (
        <span key={field} className="block">
          {tv(issue.code, {
            field: tf.has(field) ? tf(field) : field,
            min: issue.min ?? 0,
            max: issue.max ?? 0,
          })}
        </span>
      ))}
    </Notice>
  );
}
