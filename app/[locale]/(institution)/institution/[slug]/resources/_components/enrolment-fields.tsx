"use client";

import { useTranslations } from "next-intl";
import { FormField } from "@/components/forms/form-field";
import { FieldGroup } from "./field-parts";
import type { SectionProps } from "./form-types";

export function EnrolmentFields({ state, initial }: Omit<SectionProps, "choices">) {
  const t = useTranslations("publishing");
  const price = (name: string) => (
    <FormField
      name={name}
      inputMode="decimal"
      label={t(`fields.${name}`)}
      hint={t("hints.price")}
      state={state}
      defaultValue={initial[name]}
    />
  );
  return (
    <section aria-labelledby="section-enrolment" className="space-y-1">
      <h2 id="section-enrolment" className="mb-3 text-lg font-semibold">
        {t("sectionEnrolment")}
      </h2>
      <FormField
        name="capacity"
        inputMode="numeric"
        label={t("fields.capacity")}
        hint={t("hints.capacity")}
        state={state}
        defaultValue={initial.capacity}
      />
      <div className="grid gap-x-4 md:grid-cols-2">
        <FormField
          name="enrolOpensAt"
          type="datetime-local"
          label={t("fields.enrolOpensAt")}
          hint={t("hints.window")}
          state={state}
          defaultValue={initial.enrolOpensAt}
        />
        <FormField
          name="enrolClosesAt"
          type="datetime-local"
          label={t("fields.enrolClosesAt")}
          hint={t("hints.window")}
          state={state}
          defaultValue={initial.enrolClosesAt}
        />
      </div>
      <FieldGroup legend={t("offers")} hint={t("offersHint")} id="offers">
        {price("learnerPrice")}
        <div className="grid gap-x-4 md:grid-cols-2">
          {price("seatPrice")}
          <FormField
            name="seatMinQuantity"
            inputMode="numeric"
            label={t("fields.seatMinQuantity")}
            hint={t("hints.seatMinQuantity")}
            state={state}
            defaultValue={initial.seatMinQuantity}
          />
        </div>
        {price("siteLicencePrice")}
        <FormField
          name="licenceTermMonths"
          inputMode="numeric"
          label={t("fields.licenceTermMonths")}
          hint={t("hints.licenceTermMonths")}
          state={state}
          defaultValue={initial.licenceTermMonths}
        />
      </FieldGroup>
    </section>
  );
}
