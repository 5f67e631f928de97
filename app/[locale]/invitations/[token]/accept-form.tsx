"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import { acceptInvitationAction } from "@/lib/institutions/actions";
import { idle } from "@/lib/form-state";

export function AcceptInvitationForm({
  token,
  institution,
}: {
  token: string;
  institution: string;
}) {
  const t = useTranslations("invitation");
  const [state, action] = useActionState(acceptInvitationAction, idle);
  if (state.status === "ok") {
    return (
      <Notice tone="success">
        {t("accepted", { institution })}{" "}
        <Link href={`/institution/${state.values?.slug ?? ""}`} className="underline">
          {institution}
        </Link>
      </Notice>
    );
  }
  return (
    <form action={action}>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton>{t("accept")}</SubmitButton>
    </form>
  );
}
