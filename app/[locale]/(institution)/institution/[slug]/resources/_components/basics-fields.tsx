"use client";

import { useLocale, useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { GroupedSelectField } from "./field-parts";
import type { SectionProps } from "./form-types";

export function BasicsFields({
  state,
  initial,
  choices,
  isCreate,
  institutionSlug,
}: SectionProps & { isCreate: boolean; institutionSlug: string }) {
  const t = useTranslations("publishing");
  const zh = useLocale() === "zh-CN";
  const name = (o: { nameZh: string; nameEn: string }) => (zh ? o.nameZh : o.nameEn);
  const current = state.values?.fieldCode ?? initial.fieldCode ?? "";
  const groups = choices.fieldGroups.map((g) => ({
    label: `${g.code} ${name(g)}`,
    options: [
      // A broad field is offered only when a resource already has one (imported or by API).
      ...(current === g.code ? [{ value: g.code, label: t("broadField", { name: name(g) }) }] : []),
      ...g.fields.map((f) => ({ value: f.code, label: `${f.code} ${name(f)}` })),
    ],
  }));
  return (
    <section aria-labelledby="section-basics" className="space-y-1">
      <h2 id="section-basics" className="mb-3 text-lg font-semibold">
        {t("sectionBasics")}
      </h2>
      {isCreate && (
        <>
          <FormField
            name="kind"
            required
            label={t("fields.kind")}
            state={state}
            defaultValue={initial.kind}
            options={choices.kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          />
          <FormField
            name="slug"
            label={t("fields.slug")}
            hint={t("hints.slug", { prefix: institutionSlug })}
            state={state}
            maxLength={120}
            autoComplete="off"
          />
        </>
      )}
      <p className="mb-2 text-sm text-slate-600">{t("languageHint")}</p>
      <div className="grid gap-x-4 md:grid-cols-2">
        <FormField
          name="titleZh"
          lang="zh-CN"
          maxLength={200}
          label={t("fields.titleZh")}
          state={state}
          defaultValue={initial.titleZh}
        />
        <FormField
          name="titleEn"
          lang="en"
          maxLength={200}
          label={t("fields.titleEn")}
          state={state}
          defaultValue={initial.titleEn}
        />
        <FormField
          name="summaryZh"
          multiline
          maxLength={1000}
          label={t("fields.summaryZh")}
          state={state}
          defaultValue={initial.summaryZh}
        />
        <FormField
          name="summaryEn"
          multiline
          maxLength={1000}
          label={t("fields.summaryEn")}
          state={state}
          defaultValue={initial.summaryEn}
        />
      </div>
      <FormField
        name="descriptionMd"
        multiline
        maxLength={20_000}
        label={t("fields.descriptionMd")}
        hint={t("hints.descriptionMd")}
        state={state}
        defaultValue={initial.descriptionMd}
      />
      <div className="grid gap-x-4 md:grid-cols-2">
        <GroupedSelectField
          name="fieldCode"
          label={t("fields.fieldCode")}
          placeholder={t("chooseField")}
          state={state}
          groups={groups}
          defaultValue={initial.fieldCode ?? ""}
        />
        <FormField
          name="level"
          required
          label={t("fields.level")}
          state={state}
          defaultValue={initial.level ?? ""}
          options={[
            { value: "", label: t("chooseLevel") },
            ...choices.levels.map((l) => ({
              value: String(l.level),
              label: `${l.level} · ${zh ? l.labelZh : l.labelEn}`,
            })),
          ]}
        />
      </div>
    </section>
  );
}
