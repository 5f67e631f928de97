"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FinanceAlert, FinanceField } from "@/components/finance/finance-form";
import { SubmitButton } from "@/components/forms/form-status";
import {
  recordBankTransferAction,
  recordSettlementAction,
  resolveIncidentAction,
} from "@/lib/commerce/finance-actions";
import { idle } from "@/lib/form-state";

const outcomes = [
  "fulfilled",
  "already_recorded",
  "mismatch",
  "surplus",
  "duplicate",
  "held",
  "unknown_order",
] as const;

/** Record a bank transfer received for a waiting order (amount as written on the statement). */
export function RecordTransferForm({
  orderId,
  currency,
  amount,
}: {
  orderId: string;
  currency: string;
  amount: string;
}) {
  const t = useTranslations("finance");
  const [state, action] = useActionState(recordBankTransferAction, idle);
  const id = `transfer-${orderId}`;
  const outcome = outcomes.find((o) => o === state.values?.outcome);
  return (
    <form action={action} noValidate aria-label={t("office.record")}>
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="currency" value={currency} />
      <FinanceField
        id={`${id}-ref`}
        name="reference"
        label={t("fields.reference")}
        required
        state={state}
      />
      <FinanceField
        id={`${id}-amount`}
        name="amount"
        inputMode="decimal"
        label={`${t("fields.amount")} (${currency})`}
        defaultValue={amount}
        required
        state={state}
      />
      <FinanceAlert state={state} success={outcome ? t(`office.outcome_${outcome}`) : undefined} />
      <SubmitButton>{t("office.record")}</SubmitButton>
    </form>
  );
}

/** Close an item of the finance queue with what was done. */
export function ResolveIncidentForm({ incidentId }: { incidentId: string }) {
  const t = useTranslations("finance");
  const [state, action] = useActionState(resolveIncidentAction, idle);
  return (
    <form action={action} noValidate aria-label={t("office.resolve")}>
      <input type="hidden" name="incidentId" value={incidentId} />
      <FinanceField
        id={`incident-${incidentId}-note`}
        name="note"
        label={t("fields.note")}
        required
        state={state}
      />
      <FinanceAlert state={state} success={t("office.resolved")} />
      <SubmitButton variant="secondary">{t("office.resolve")}</SubmitButton>
    </form>
  );
}

/** Record the bank payment of a member's statement for a finished month. */
export function SettleForm({
  institutionId,
  period,
  currency,
}: {
  institutionId: string;
  period: string;
  currency: string;
}) {
  const t = useTranslations("finance");
  const [state, action] = useActionState(recordSettlementAction, idle);
  return (
    <form action={action} noValidate aria-label={t("office.settle")} className="min-w-48">
      <input type="hidden" name="institutionId" value={institutionId} />
      <input type="hidden" name="period" value={period} />
      <input type="hidden" name="currency" value={currency} />
      <FinanceField
        id={`settle-${institutionId}-${currency}-ref`}
        name="reference"
        label={t("fields.reference")}
        required
        state={state}
      />
      <FinanceAlert state={state} success={t("office.settledDone")} />
      <SubmitButton variant="secondary">{t("office.settle")}</SubmitButton>
    </form>
  );
}
