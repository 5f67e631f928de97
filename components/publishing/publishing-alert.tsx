"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FormAlert } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import type { FormState } from "@/lib/form-state";

/** FormAlert, with the publishing services' own reasons (in review, archived, …) worded too. */
export function PublishingAlert({ state, success }: { state: FormState; success?: ReactNode }) {
  const t = useTranslations("publishing.errors");
  if (state.status === "error" && state.reason && t.has(state.reason)) {
    return <Notice tone="error">{t(state.reason)}</Notice>;
  }
  return <FormAlert state={state} success={success} />;
}
