"use client";

import { useTranslations } from "next-intl";
import { useFormStatus } from "react-dom";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/form-state";

/**
 * The form-level message: the error of the last attempt, or what succeeded. Fields the form
 * does not have (sent by a crafted request) have no input to show their error, so it is named here.
 */
export function FormAlert({ state, success }: { state: FormState; success?: ReactNode }) {
  const t = useTranslations("errors");
  const tv = useTranslations("validation");
  if (state.status === "ok" && success) return <Notice tone="success">{success}</Notice>;
  if (state.status !== "error") return null;
  const key = t.has(state.reason ?? "") ? (state.reason as string) : "unexpected";
  const unknown = Object.entries(state.fields ?? {}).filter(([, i]) => i.code === "unknown_field");
  return (
    <Notice tone="error">
      {t(key, { seconds: 0, ...state.params })}
      {unknown.map(([field]) => (
        <span key={field} className="block">
          {tv("unknown_field", { field })}
        </span>
      ))}
    </Notice>
  );
}

export function SubmitButton({
  children,
  variant,
}: {
  children: ReactNode;
  variant?: "primary" | "danger" | "secondary";
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending}>
      {children}
    </Button>
  );
}
