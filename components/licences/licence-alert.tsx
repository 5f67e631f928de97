"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FormAlert } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import type { FormState } from "@/lib/form-state";

/** A licence form's message: its own refusals (with their numbers), else the common ones. */
export function LicenceAlert({ state, success }: { state: FormState; success?: ReactNode }) {
  const t = useTranslations("licences.errors");
  if (state.status === "error" && state.reason && t.has(state.reason)) {
    return <Notice tone="error">{t(state.reason, state.params)}</Notice>;
  }
  return <FormAlert state={state} success={success} />;
}
