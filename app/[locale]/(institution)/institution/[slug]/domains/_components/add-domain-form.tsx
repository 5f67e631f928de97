"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/form-status";
import { LicenceAlert } from "@/components/licences/licence-alert";
import { addDomainAction } from "@/lib/licences/actions";
import { idle } from "@/lib/form-state";

export function AddDomainForm({ slug }: { slug: string }) {
  const t = useTranslations("licences.domains");
  const [state, action] = useActionState(addDomainAction, idle);
  return (
    <form action={action} noValidate>
      <LicenceAlert state={state} success={t("added")} />
      <input type="hidden" name="institutionSlug" value={slug} />
      <FormField
        name="domain"
        required
        maxLength={253}
        autoComplete="off"
        spellCheck={false}
        label={t("domainLabel")}
        hint={t("domainHint")}
        state={{ ...state, values: state.status === "ok" ? {} : state.values }}
      />
      <SubmitButton>{t("addButton")}</SubmitButton>
    </form>
  );
}
