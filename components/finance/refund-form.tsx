"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FinanceAlert, FinanceField } from "@/components/finance/finance-form";
import { SubmitButton } from "@/components/forms/form-status";
import { adminRefundLineAction, refundLineAction } from "@/lib/commerce/finance-actions";
import { idle } from "@/lib/form-state";
import { formatMoney } from "@/lib/format";

/**
 * Refund one sold line; a seat line asks how many unused seats (empty: all of them). Without a
 * `slug` it is the alliance admin's refund from the order page, whose reason is required.
 */
export function RefundForm({
  slug,
  lineId,
  currency,
  unusedSeats,
}: {
  slug: string | null;
  lineId: string;
  currency: string;
  // null for a learner line or a site licence, refunded whole.
  unusedSeats: number | null;
}) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const [state, action] = useActionState(slug ? refundLineAction : adminRefundLineAction, idle);
  const id = `refund-${lineId}`;
  const refunded = state.params?.amountMinor;
  const amount = typeof refunded === "number" ? refunded : 0;
  return (
    <form
      action={action}
      noValidate
      aria-label={t("sales.refund")}
      onSubmit={(e) => {
        if (!window.confirm(t("sales.refundConfirm"))) e.preventDefault();
      }}
      className="min-w-56"
    >
      {slug && <input type="hidden" name="institutionSlug" value={slug} />}
      <input type="hidden" name="lineId" value={lineId} />
      {unusedSeats !== null && (
        <FinanceField
          id={`${id}-seats`}
          name="seats"
          type="number"
          inputMode="numeric"
          label={t("fields.seats")}
          hint={t("sales.seatsHint", { count: unusedSeats })}
          state={state}
        />
      )}
      <FinanceField id={`${id}-reason`} name="reason" label={t("fields.reason")} state={state} />
      <FinanceAlert
        state={state}
        success={t("sales.refundDone", { amount: formatMoney(amount, currency, locale) })}
      />
      <div className="mt-2">
        <SubmitButton variant="danger">{t("sales.refundButton")}</SubmitButton>
      </div>
    </form>
  );
}
