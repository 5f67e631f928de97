"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { setNameOnCredentialsAction } from "@/lib/ledger/actions";
import { idle } from "@/lib/form-state";

/** "Show my name on credentials issued from now on": a switch and a save button. */
export function NameSwitch({ checked }: { checked: boolean }) {
  const t = useTranslations("ledger");
  const [state, action] = useActionState(setNameOnCredentialsAction, idle);
  return (
    <form action={action} className="mt-4 space-y-3">
      <FormAlert state={state} success={t("saved")} />
      {/* Unchecked boxes send nothing: this hidden "false" comes first, a ticked box overrides it. */}
      <input type="hidden" name="show" value="false" />
      <div className="flex items-start gap-3">
        <input
          id="name-on-credentials"
          type="checkbox"
          role="switch"
          name="show"
          value="true"
          defaultChecked={checked}
          aria-describedby="name-on-credentials-hint"
          className="mt-1 h-5 w-5"
        />
        <div>
          <label htmlFor="name-on-credentials" className="font-medium text-slate-900">
            {t("nameSwitch")}
          </label>
          <p id="name-on-credentials-hint" className="text-sm text-slate-700">
            {t("nameSwitchHint")}
          </p>
        </div>
      </div>
      <SubmitButton variant="secondary">{t("save")}</SubmitButton>
    </form>
  );
}
