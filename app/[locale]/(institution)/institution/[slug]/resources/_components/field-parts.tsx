"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { FormState } from "@/lib/form-state";

/** Fields FormField does not draw (option groups, check boxes), with the same label and error. */

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700";

export function FieldIssue({
  id,
  label,
  state,
  name,
}: {
  id: string;
  label: string;
  state: FormState;
  name: string;
}) {
  const t = useTranslations("validation");
  const issue = state.fields?.[name];
  if (!issue) return null;
  return (
    <p id={id} className="mt-1 text-sm text-red-800">
      {t(issue.code, { field: label, min: issue.min ?? 0, max: issue.max ?? 0 })}
    </p>
  );
}

export type OptionGroup = { label: string; options: { value: string; label: string }[] };

export function GroupedSelectField({
  name,
  label,
  state,
  groups,
  placeholder,
  defaultValue,
}: {
  name: string;
  label: string;
  state: FormState;
  groups: OptionGroup[];
  placeholder: string;
  defaultValue: string;
}) {
  const id = `f-${name}`;
  const invalid = !!state.fields?.[name];
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        required
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        defaultValue={state.values?.[name] ?? defaultValue}
        className={inputClass}
      >
        <option value="">{placeholder}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <FieldIssue id={`${id}-error`} label={label} state={state} name={name} />
    </div>
  );
}

export function CheckboxGroupField({
  name,
  legend,
  state,
  options,
  defaultValue,
}: {
  name: string;
  legend: string;
  state: FormState;
  options: { value: string; label: string }[];
  // Checked values joined by commas, as the form's values carry them.
  defaultValue: string;
}) {
  const checked = (state.values?.[name] ?? defaultValue).split(",");
  const invalid = !!state.fields?.[name];
  const errorId = `f-${name}-error`;
  return (
    <fieldset className="mb-4" aria-describedby={invalid ? errorId : undefined}>
      <legend className="block text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-x-5 gap-y-2">
        {options.map((o) => (
          <label key={o.value} className="inline-flex min-h-6 items-center gap-2 text-base">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              defaultChecked={checked.includes(o.value)}
              aria-invalid={invalid || undefined}
              className="h-4 w-4"
            />
            {o.label}
          </label>
        ))}
      </div>
      <FieldIssue id={errorId} label={legend} state={state} name={name} />
    </fieldset>
  );
}

/** A titled group of fields; its hint is read with the group. */
export function FieldGroup({
  legend,
  hint,
  id,
  children,
}: {
  legend: string;
  hint?: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="mb-4" aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="mb-1 block text-sm font-semibold text-slate-800">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="mb-2 text-sm text-slate-600">
          {hint}
        </p>
      )}
      {children}
    </fieldset>
  );
}
