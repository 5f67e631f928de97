"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { PublishingAlert } from "@/components/publishing/publishing-alert";
import { archiveAction, submitAction, withdrawAction } from "@/lib/catalogue/actions";
import { idle, type FormState } from "@/lib/form-state";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

function StepForm({
  resourceId,
  action: serverAction,
  label,
  done,
  variant,
  confirm,
}: {
  resourceId: string;
  action: Action;
  label: string;
  done: string;
  variant?: "primary" | "secondary" | "danger";
  confirm?: string;
}) {
  const [state, action] = useActionState(serverAction, idle);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="space-y-2"
    >
      <input type="hidden" name="resourceId" value={resourceId} />
      <SubmitButton variant={variant}>{label}</SubmitButton>
      <PublishingAlert state={state} success={done} />
    </form>
  );
}

/** Submit for review, withdraw, archive: only the steps the resource's state allows. */
export function LifecycleForms({
  resourceId,
  canSubmit,
  canWithdraw,
  canArchive,
}: {
  resourceId: string;
  canSubmit: boolean;
  canWithdraw: boolean;
  canArchive: boolean;
}) {
  const t = useTranslations("publishing");
  return (
    <div className="flex flex-wrap items-start gap-4">
      {canSubmit && (
        <StepForm
          resourceId={resourceId}
          action={submitAction}
          label={t("submit")}
          done={t("submitted")}
        />
      )}
      {canWithdraw && (
        <StepForm
          resourceId={resourceId}
          action={withdrawAction}
          label={t("withdraw")}
          done={t("withdrawn")}
          variant="secondary"
        />
      )}
      {canArchive && (
        <StepForm
          resourceId={resourceId}
          action={archiveAction}
          label={t("archive")}
          done={t("archived")}
          variant="danger"
          confirm={t("archiveConfirm")}
        />
      )}
    </div>
  );
}
