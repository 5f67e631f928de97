"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FinanceAlert, FinanceField } from "@/components/finance/finance-form";
import { SubmitButton } from "@/components/forms/form-status";
import { requestFapiaoAction } from "@/lib/commerce/finance-actions";
import { idle } from "@/lib/form-state";

/** Ask one seller of the order for a fapiao. */
export function RequestFapiaoForm({
  orderId,
  sellerInstitutionId,
  email,
}: {
  orderId: string;
  sellerInstitutionId: string;
  email: string;
}) {
  const t = useTranslations("finance");
  const [state, action] = useActionState(requestFapiaoAction, idle);
  const id = `fapiao-${sellerInstitutionId}`;
  return (
    <form action={action} noValidate aria-label={t("fapiao.request")}>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="sellerInstitutionId" value={sellerInstitutionId} />
      <FinanceField
        id={`${id}-title`}
        name="title"
        label={t("fields.title")}
        required
        state={state}
      />
      <FinanceField
        id={`${id}-taxpayer`}
        name="taxpayerId"
        label={t("fields.taxpayerId")}
        hint={t("fapiao.taxpayerHint")}
        required
        autoComplete="off"
        state={state}
      />
      <FinanceField
        id={`${id}-email`}
        name="email"
        type="email"
        autoComplete="email"
        label={t("fields.email")}
        defaultValue={email}
        required
        state={state}
      />
      <FinanceAlert state={state} success={t("fapiao.requested")} />
      <SubmitButton>{t("fapiao.request")}</SubmitButton>
    </form>
  );
}
