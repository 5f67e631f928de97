"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { idle } from "@/lib/form-state";
import { writeCheckpointAction } from "@/lib/ledger/admin-actions";

export function CheckpointForm() {
  const t = useTranslations("ledgerAdmin");
  const [state, action] = useActionState(writeCheckpointAction, idle);
  const number = state.params?.number ?? 0;
  return (
    <form action={action} className="space-y-2">
      <SubmitButton variant="secondary">{t("writeNow")}</SubmitButton>
      <FormAlert
        state={state}
        success={
          state.params?.outcome === "raced" ? t("raced", { number }) : t("written", { number })
        }
      />
    </form>
  );
}
