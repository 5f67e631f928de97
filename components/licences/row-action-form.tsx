"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/forms/form-status";
import type { FormState } from "@/lib/form-state";
import { idle } from "@/lib/form-state";
import { LicenceAlert } from "./licence-alert";

/**
 * One button acting on one row (revoke an invitation, remove or confirm a domain). A destructive
 * one asks first (`confirm`), as the other destructive buttons of the app do.
 */
export function RowActionForm({
  action: serverAction,
  fields,
  label,
  done,
  confirm,
  variant = "secondary",
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Record<string, string>;
  label: string;
  done: string;
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const [state, action] = useActionState(serverAction, idle);
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
      className="inline-block space-y-1"
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <SubmitButton variant={variant}>{label}</SubmitButton>
      <LicenceAlert state={state} success={done} />
    </form>
  );
}
