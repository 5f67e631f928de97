"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/api/actions";
import { idle, type FormState } from "@/lib/form-state";

export function CreateApiKeyForm({ slug, scopes }: { slug: string; scopes: readonly string[] }) {
  const t = useTranslations("apiKeys");
  const tScopes = useTranslations("apiDocs.scopes");
  const tv = useTranslations("validation");
  const [state, action] = useActionState(createApiKeyAction, idle);
  const created = state.status === "ok" ? state.values : undefined;
  const checked = new Set((state.values?.scopes ?? "").split(","));
  const scopeIssue = state.fields?.scopes;
  return (
    <div className="space-y-4">
      {created?.apiKey && <NewKey name={created.name ?? ""} apiKey={created.apiKey} />}
      <form action={action} noValidate>
        <FormAlert state={state} />
        <input type="hidden" name="institutionSlug" value={slug} />
        <FormField
          name="name"
          required
          maxLength={100}
          label={t("name")}
          hint={t("nameHint")}
          state={created ? ({ status: "idle" } satisfies FormState) : state}
        />
        <fieldset
          className="mb-4"
          aria-invalid={scopeIssue ? true : undefined}
          aria-describedby={scopeIssue ? "f-scopes-error" : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
          {scopes.map((scope) => (
            <label key={scope} className="mt-2 flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="scopes"
                value={scope}
                defaultChecked={!created && checked.has(scope)}
                className="mt-1"
              />
              <span>
                <code className="font-mono">{scope}</code>
                <span className="block text-slate-600">{tScopes(scope.replace(":", "_"))}</span>
              </span>
            </label>
          ))}
          {scopeIssue && (
            <p id="f-scopes-error" className="mt-1 text-sm text-red-800">
              {tv(scopeIssue.code, { field: t("scopes"), min: 0, max: 0 })}
            </p>
          )}
        </fieldset>
        <SubmitButton>{t("create")}</SubmitButton>
      </form>
    </div>
  );
}

function NewKey({ name, apiKey }: { name: string; apiKey: string }) {
  const t = useTranslations("apiKeys");
  const [copied, setCopied] = useState(false);
  return (
    <Notice tone="success">
      <p className="font-medium">{t("createdTitle", { name })}</p>
      <p className="mt-1">{t("copyNow")}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor="new-api-key" className="sr-only">
          {t("newKeyLabel")}
        </label>
        <input
          id="new-api-key"
          readOnly
          value={apiKey}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-400 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        />
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(apiKey);
            setCopied(true);
          }}
        >
          {t("copy")}
        </Button>
        <span aria-live="polite" className="text-sm">
          {copied ? t("copied") : ""}
        </span>
      </div>
    </Notice>
  );
}

export function RevokeApiKeyForm({
  slug,
  keyId,
  label,
}: {
  slug: string;
  keyId: string;
  label: string;
}) {
  const [state, action] = useActionState(revokeApiKeyAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="institutionSlug" value={slug} />
      <input type="hidden" name="keyId" value={keyId} />
      <SubmitButton variant="danger">{label}</SubmitButton>
      <FormAlert state={state} />
    </form>
  );
}
