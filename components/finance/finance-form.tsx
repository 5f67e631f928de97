"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/card";
import type { FormState } from "@/lib/form-state";

/**
 * The form-level message of a finance form: its own refusals (`finance.errors.*`) first, then
 * the common ones. Success text comes from the form.
 */
export function FinanceAlert({ state, success }: { state: FormState; success?: ReactNode }) {
  const tf = useTranslations("finance.errors");
  const t = useTranslations("errors");
  if (state.status === "ok" && success) return <Notice tone="success">{success}</Notice>;
  if (state.status !== "error") return null;
  const reason = state.reason ?? "";
  const text = tf.has(reason)
    ? tf(reason)
    : t(t.has(reason) ? reason : "unexpected", { seconds: 0, ...state.params });
  return <Notice tone="error">{text}</Notice>;
}

type FieldProps = {
  // Unique on the page: several forms of one kind sit side by side (one per line).
  id: string;
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  type?: string;
  required?: boolean;
  defaultValue?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  autoComplete?: string;
  className?: string;
};

/** A labelled input whose error names the field and is announced with it. */
export function FinanceField({
  id,
  name,
  label,
  state,
  hint,
  className = "",
  ...input
}: FieldProps) {
  const tv = useTranslations("validation");
  const issue = state.fields?.[name];
  const describedBy = [hint ? `${id}-hint` : "", issue ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`mb-3 ${className}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        {...input}
        id={id}
        name={name}
        defaultValue={
          state.status === "error"
            ? (state.values?.[name] ?? input.defaultValue)
            : input.defaultValue
        }
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700"
      />
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {tv(issue.code, { field: label, min: issue.min ?? 0, max: issue.max ?? 0 })}
        </p>
      )}
    </div>
  );
}
