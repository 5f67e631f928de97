"use client";

import { useActionState } from "react";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { retryDeadLetterAction } from "@/lib/jobs/actions";
import { idle } from "@/lib/form-state";

export function RetryForm({ id, label }: { id: string; label: string }) {
  const [state, action] = useActionState(retryDeadLetterAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="secondary">{label}</SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
