"use client";

import { useActionState } from "react";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { setAccountDisabledAction } from "@/lib/admin/actions";
import { idle } from "@/lib/form-state";

export function DisableForm({
  userId,
  disable,
  label,
}: {
  userId: string;
  disable: boolean;
  label: string;
}) {
  const [state, action] = useActionState(setAccountDisabledAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={String(disable)} />
      <SubmitButton variant={disable ? "danger" : "secondary"}>{label}</SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
