"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { institutionKinds } from "@/db/schema/institutions";
import { applyForMembershipAction } from "@/lib/institutions/actions";
import { idle } from "@/lib/form-state";

export function ApplyForm() {
  const t = useTranslations();
  const [state, action] = useActionState(applyForMembershipAction, idle);
  if (state.status === "ok") return <Notice tone="success">{t("learn.applied")}</Notice>;
  return (
    <form action={action} noValidate>
      <FormAlert state={state} />
      <FormField name="nameZh" required maxLength={200} label={t("fields.nameZh")} state={state} />
      <FormField name="nameEn" required maxLength={200} label={t("fields.nameEn")} state={state} />
      <FormField
        name="slug"
        required
        maxLength={40}
        label={t("fields.slug")}
        hint="ouchn, cflp, sjtu …"
        state={state}
      />
      <FormField
        name="kind"
        required
        label={t("fields.kind")}
        state={state}
        options={institutionKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
      />
      <FormField name="website" type="url" label={t("fields.website")} state={state} />
      <FormField
        name="message"
        multiline
        maxLength={4000}
        label={t("fields.message")}
        state={state}
      />
      <SubmitButton>{t("learn.applyButton")}</SubmitButton>
    </form>
  );
}
