"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { verifyEmailAction } from "@/lib/accounts/actions";
import { idle } from "@/lib/form-state";

// Verification takes a click (POST), so mail scanners that fetch links do not use the token up.
export function VerifyForm({ token }: { token: string }) {
  const t = useTranslations();
  const [state, action] = useActionState(verifyEmailAction, idle);
  if (state.status === "ok") {
    return (
      <Notice tone="success">
        <strong className="block">{t("auth.verifiedTitle")}</strong>
        {t("auth.verifiedBody")}{" "}
        <Link href="/sign-in" className="underline">
          {t("auth.continueSignIn")}
        </Link>
      </Notice>
    );
  }
  return (
    <form action={action}>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>{t("auth.verifyButton")}</SubmitButton>
    </form>
  );
}
