"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { payOrderAction } from "@/lib/commerce/actions";
import { idle } from "@/lib/form-state";

export function PayForm({ orderId }: { orderId: string }) {
  const t = useTranslations("orders");
  const [state, action] = useActionState(payOrderAction, idle);
  return (
    <form action={action}>
      <FormAlert state={state} />
      <input type="hidden" name="orderId" value={orderId} />
      <SubmitButton>{t("payNow")}</SubmitButton>
    </form>
  );
}
