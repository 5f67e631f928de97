"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { PublishingAlert } from "@/components/publishing/publishing-alert";
import { createResourceAction, updateResourceAction } from "@/lib/catalogue/actions";
import { idle } from "@/lib/form-state";
import { BasicsFields } from "./basics-fields";
import { EnrolmentFields } from "./enrolment-fields";
import { LearningFields } from "./learning-fields";
import type { ResourceFormChoices } from "./form-types";

type Props = {
  institutionSlug: string;
  initial: Record<string, string>;
  choices: ResourceFormChoices;
  outcomeRows: number;
} & ({ mode: "create" } | { mode: "update"; resourceId: string; disabled: boolean });

/** The whole resource: create a draft, or edit the working copy (only changed fields are sent). */
export function ResourceForm(props: Props) {
  const { institutionSlug, initial, choices, outcomeRows } = props;
  const t = useTranslations("publishing");
  const isCreate = props.mode === "create";
  const [state, action] = useActionState(
    isCreate ? createResourceAction : updateResourceAction,
    idle,
  );
  const outcome = `saved_${state.params?.outcome ?? ""}`;
  const disabled = props.mode === "update" && props.disabled;
  return (
    <form action={action} noValidate className="space-y-8">
      <PublishingAlert state={state} success={t.has(outcome) ? t(outcome) : undefined} />
      <input type="hidden" name="institutionSlug" value={institutionSlug} />
      {props.mode === "update" && (
        <>
          <input type="hidden" name="resourceId" value={props.resourceId} />
          {/* What the form started from: the action sends only fields that differ from it. */}
          <input type="hidden" name="baseline" value={JSON.stringify(initial)} />
        </>
      )}
      <fieldset disabled={disabled} className="space-y-8 disabled:opacity-70">
        <BasicsFields
          state={state}
          initial={initial}
          choices={choices}
          isCreate={isCreate}
          institutionSlug={institutionSlug}
        />
        <LearningFields
          state={state}
          initial={initial}
          choices={choices}
          outcomeRows={outcomeRows}
        />
        <EnrolmentFields state={state} initial={initial} />
        {!disabled && <SubmitButton>{isCreate ? t("createButton") : t("save")}</SubmitButton>}
      </fieldset>
    </form>
  );
}
