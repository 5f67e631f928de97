"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { signUpAction } from "@/lib/accounts/actions";
import { idle } from "@/lib/form-state";

export function SignUpForm() {
  const t = useTranslations();
  const [state, action] = useActionState(signUpAction, idle);
  if (state.status === "ok") {
    return (
      <Notice tone="success">
        <strong className="block">{t("auth.checkEmailTitle")}</strong>
        {t("auth.checkEmailBody", { email: state.values?.email ?? "" })}
      </Notice>
    );
  }
  return (
    <form action={action} noValidate>
      <FormAlert state={state} />
      <FormField
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        label={t("fields.name")}
        state={state}
      />
      <FormField
        name="email"
        type="email"
        autoComplete="email"
        required
        label={t("fields.email")}
        state={state}
      />
      <FormField
        name="password"
        type="password"
        autoComplete="new-password"
        required
        label={t("fields.password")}
        hint={t("auth.passwordHint")}
        state={state}
      />
      <SubmitButton>{t("auth.signUpButton")}</SubmitButton>
    </form>
  );
}
