"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FinanceAlert, FinanceField } from "@/components/finance/finance-form";
import { SubmitButton } from "@/components/forms/form-status";
import { issueFapiaoAction } from "@/lib/commerce/finance-actions";
import { idle } from "@/lib/form-state";

/** Record a requested fapiao as issued, with its number. */
export function IssueFapiaoForm({ slug, requestId }: { slug: string; requestId: string }) {
  const t = useTranslations("finance");
  const [state, action] = useActionState(issueFapiaoAction, idle);
  return (
    <form action={action} noValidate aria-label={t("invoices.issue")}>
      <input type="hidden" name="institutionSlug" value={slug} />
      <input type="hidden" name="requestId" value={requestId} />
      <FinanceField
        id={`issue-${requestId}-number`}
        name="invoiceNumber"
        label={t("fields.invoiceNumber")}
        required
        state={state}
      />
      <FinanceAlert state={state} success={t("invoices.issuedDone")} />
      <SubmitButton>{t("invoices.issue")}</SubmitButton>
    </form>
  );
}
