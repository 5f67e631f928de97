"use client";

import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import type { FormState } from "@/lib/form-state";

type Props = {
  name: string;
  label: string;
  state: FormState;
  hint?: string;
  options?: { value: string; label: string }[];
  multiline?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name">;

/** A labelled input whose error names the field and is announced with it. */
export function FormField({ name, label, state, hint, options, multiline, ...input }: Props) {
  const t = useTranslations("validation");
  const issue = state.fields?.[name];
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : "", issue ? `${id}-error` : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    name,
    "aria-invalid": issue ? true : undefined,
    "aria-describedby": describedBy || undefined,
    defaultValue: state.values?.[name] ?? (input.defaultValue as string | undefined),
    className:
      "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700",
  };
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {options ? (
        <select {...common} required={input.required}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea {...common} rows={4} required={input.required} maxLength={input.maxLength} />
      ) : (
        <input {...input} {...common} />
      )}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {issue && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {t(issue.code, { field: label, min: issue.min ?? 0, max: issue.max ?? 0 })}
        </p>
      )}
    </div>
  );
}
