"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { sandboxDecisionAction } from "@/lib/commerce/actions";
import { idle } from "@/lib/form-state";

export function SandboxDecision({ sessionId }: { sessionId: string }) {
  const t = useTranslations("sandbox");
  const [confirmState, confirm] = useActionState(sandboxDecisionAction, idle);
  const [declineState, decline] = useActionState(sandboxDecisionAction, idle);
  return (
    <div className="flex flex-wrap gap-3">
      <FormAlert state={confirmState.status === "error" ? confirmState : declineState} />
      <form action={confirm}>
        <input type="hidden" name="sessionId" value={sessionId} />
        <input type="hidden" name="decision" value="confirm" />
        <SubmitButton>{t("confirm")}</SubmitButton>
      </form>
      <form action={decline}>
        <input type="hidden" name="sessionId" value={sessionId} />
        <input type="hidden" name="decision" value="decline" />
        <SubmitButton variant="secondary">{t("decline")}</SubmitButton>
      </form>
    </div>
  );
}
