"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FormAlert, SubmitButton } from "@/components/forms/form-status";
import { FormField } from "@/components/forms/form-field";
import { idle } from "@/lib/form-state";
import { rateResourceAction } from "@/lib/ratings/actions";
import { MAX_COMMENT_LENGTH } from "@/lib/ratings/schemas";

/** Rate a resource 1–5 with an optional comment, or change one's rating. */
export function RatingForm(props: {
  resourceId: string;
  mine: { stars: number; comment: string } | null;
}) {
  const t = useTranslations("ratings");
  const tv = useTranslations("validation");
  const [state, action] = useActionState(rateResourceAction, idle);
  const chosen = state.values?.stars ?? (props.mine ? String(props.mine.stars) : "");
  const starsError = state.fields?.stars;
  return (
    <form action={action} className="mt-4 border-t border-slate-200 pt-4">
      <h3 className="mb-2 font-semibold">{props.mine ? t("editTitle") : t("rateTitle")}</h3>
      <FormAlert state={state} success={t("saved")} />
      <input type="hidden" name="resourceId" value={props.resourceId} />
      <fieldset
        className="mb-4"
        aria-invalid={starsError ? true : undefined}
        aria-describedby={starsError ? "stars-error" : undefined}
      >
        <legend className="text-sm font-medium text-slate-800">{t("stars")}</legend>
        {[5, 4, 3, 2, 1].map((n) => (
          <label key={n} className="mt-1 flex items-center gap-2">
            <input
              type="radio"
              name="stars"
              value={n}
              defaultChecked={chosen === String(n)}
              required
            />
            <span aria-hidden="true" className="text-amber-700">
              {"★".repeat(n)}
            </span>
            {t(`star_${n}`)}
          </label>
        ))}
        {starsError && (
          <p id="stars-error" className="mt-1 text-sm text-red-800">
            {tv("invalid_choice", { field: t("stars") })}
          </p>
        )}
      </fieldset>
      <FormField
        name="comment"
        label={t("comment")}
        state={state}
        multiline
        maxLength={MAX_COMMENT_LENGTH}
        defaultValue={props.mine?.comment ?? ""}
        hint={t("commentHint", { max: MAX_COMMENT_LENGTH })}
      />
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
