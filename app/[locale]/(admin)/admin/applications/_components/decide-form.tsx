"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { decideApplicationAction } from "@/lib/institutions/actions";
import { idle } from "@/lib/form-state";

export function DecideForm({ applicationId }: { applicationId: string }) {
  const t = useTranslations();
  const [state, action, pending] = useActionState(decideApplicationAction, idle);
  return (
    <form action={action} noValidate className="mt-3">
      <FormAlert state={state} success={t("office.decided")} />
      <input type="hidden" name="applicationId" value={applicationId} />
      <FormField
        name="reason"
        multiline
        maxLength={2000}
        label={t("fields.reason")}
        hint={t("office.reasonHint")}
        state={state}
      />
      <div className="flex gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          {t("office.approve")}
        </Button>
        <Button type="submit" name="decision" value="reject" variant="danger" disabled={pending}>
          {t("office.reject")}
        </Button>
      </div>
    </form>
  );
}
