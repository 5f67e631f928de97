"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { signInAction } from "@/lib/accounts/actions";
import { idle } from "@/lib/form-state";

export function SignInForm({ next }: { next?: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(signInAction, idle);
  return (
    <form action={action} noValidate className="space-y-2">
      <FormAlert state={state} />
      {next && <input type="hidden" name="next" value={next} />}
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
        autoComplete="current-password"
        required
        label={t("fields.password")}
        state={state}
      />
      <SubmitButton>{t("auth.signInButton")}</SubmitButton>
    </form>
  );
}
