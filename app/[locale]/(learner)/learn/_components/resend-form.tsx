"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { resendVerificationAction } from "@/lib/accounts/actions";
import { idle } from "@/lib/form-state";

export function ResendVerificationForm() {
  const t = useTranslations("learn");
  const [state, action] = useActionState(resendVerificationAction, idle);
  return (
    <form action={action} className="mt-2 space-y-2">
      <FormAlert state={state} success={t("resent")} />
      <SubmitButton variant="secondary">{t("resend")}</SubmitButton>
    </form>
  );
}
