"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { requestResetAction, resetPasswordAction } from "@/lib/accounts/actions";
import { idle } from "@/lib/form-state";

export function RequestResetForm() {
  const t = useTranslations();
  const [state, action] = useActionState(requestResetAction, idle);
  if (state.status === "ok") {
    return (
      <Notice tone="success">
        {t("auth.resetSentBody", { email: state.values?.email ?? "" })}
      </Notice>
    );
  }
  return (
    <form action={action} noValidate>
      <FormAlert state={state} />
      <FormField
        name="email"
        type="email"
        autoComplete="email"
        required
        label={t("fields.email")}
        state={state}
      />
      <SubmitButton>{t("auth.resetSend")}</SubmitButton>
    </form>
  );
}

export function NewPasswordForm({ token }: { token: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(resetPasswordAction, idle);
  return (
    <form action={action} noValidate>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <FormField
        name="password"
        type="password"
        autoComplete="new-password"
        required
        label={t("fields.newPassword")}
        hint={t("auth.passwordHint")}
        state={state}
      />
      <FormField
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        label={t("fields.confirm")}
        state={state}
      />
      <SubmitButton>{t("auth.newPasswordButton")}</SubmitButton>
    </form>
  );
}
