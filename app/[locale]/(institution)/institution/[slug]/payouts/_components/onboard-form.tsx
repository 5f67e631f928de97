"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { startOnboardingAction } from "@/lib/payments/actions";
import { idle } from "@/lib/form-state";

export function OnboardForm({ slug, resume }: { slug: string; resume: boolean }) {
  const t = useTranslations("payments");
  const [state, action] = useActionState(startOnboardingAction, idle);
  return (
    <form action={action} noValidate className="space-y-3">
      {state.status === "error" && (
        <Notice tone="error">
          {t.has(`error_${state.reason}`) ? t(`error_${state.reason}`) : t("error_unexpected")}
        </Notice>
      )}
      <input type="hidden" name="institutionSlug" value={slug} />
      <SubmitButton>{resume ? t("resume") : t("start")}</SubmitButton>
      <p className="text-sm text-slate-600">{t("leavesSite")}</p>
    </form>
  );
}
