"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { CheckboxGroupField, FieldGroup, FieldIssue } from "./field-parts";
import type { SectionProps } from "./form-types";

export function LearningFields({
  state,
  initial,
  choices,
  outcomeRows,
}: SectionProps & { outcomeRows: number }) {
  const t = useTranslations("publishing");
  const rows = Array.from({ length: outcomeRows }, (_, i) => i);
  return (
    <section aria-labelledby="section-learning" className="space-y-1">
      <h2 id="section-learning" className="mb-3 text-lg font-semibold">
        {t("sectionLearning")}
      </h2>
      <div className="grid gap-x-4 md:grid-cols-2">
        <FormField
          name="credits"
          inputMode="decimal"
          required
          label={t("fields.credits")}
          hint={t("hints.credits")}
          state={state}
          defaultValue={initial.credits}
        />
        <FormField
          name="learningHours"
          inputMode="numeric"
          required
          label={t("fields.learningHours")}
          hint={t("hints.learningHours")}
          state={state}
          defaultValue={initial.learningHours}
        />
      </div>
      <FieldGroup legend={t("fields.outcomes")} hint={t("outcomesHint")} id="outcomes">
        <FieldIssue
          id="f-outcomes-error"
          label={t("fields.outcomes")}
          state={state}
          name="outcomes"
        />
        {rows.map((i) => (
          <div key={i} className="grid gap-x-4 md:grid-cols-2">
            <FormField
              name={`outcomes.${i}.zh`}
              lang="zh-CN"
              maxLength={500}
              label={t("outcomeZh", { n: i + 1 })}
              state={state}
              defaultValue={initial[`outcomes.${i}.zh`]}
            />
            <FormField
              name={`outcomes.${i}.en`}
              lang="en"
              maxLength={500}
              label={t("outcomeEn", { n: i + 1 })}
              state={state}
              defaultValue={initial[`outcomes.${i}.en`]}
            />
          </div>
        ))}
      </FieldGroup>
      <CheckboxGroupField
        name="languages"
        legend={t("fields.languages")}
        state={state}
        defaultValue={initial.languages ?? ""}
        options={choices.languages.map((l) => ({ value: l, label: t(`languageNames.${l}`) }))}
      />
      <FormField
        name="deliveryMode"
        required
        label={t("fields.deliveryMode")}
        state={state}
        defaultValue={initial.deliveryMode}
        options={choices.deliveryModes.map((d) => ({ value: d, label: t(`delivery.${d}`) }))}
      />
      <FormField
        name="assessment"
        multiline
        maxLength={2000}
        label={t("fields.assessment")}
        state={state}
        defaultValue={initial.assessment}
      />
      <FieldGroup legend={t("completionRule")} hint={t("completionHint")} id="completion">
        <div className="grid gap-x-4 md:grid-cols-2">
          <FormField
            name="minScore"
            inputMode="numeric"
            label={t("fields.minScore")}
            hint={t("hints.score")}
            state={state}
            defaultValue={initial.minScore}
          />
          <FormField
            name="minAttendancePct"
            inputMode="numeric"
            label={t("fields.minAttendancePct")}
            hint={t("hints.score")}
            state={state}
            defaultValue={initial.minAttendancePct}
          />
        </div>
      </FieldGroup>
      <FormField
        name="prerequisites"
        multiline
        maxLength={2000}
        label={t("fields.prerequisites")}
        state={state}
        defaultValue={initial.prerequisites}
      />
    </section>
  );
}
