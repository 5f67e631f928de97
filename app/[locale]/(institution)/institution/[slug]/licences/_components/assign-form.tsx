"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { LicenceAlert } from "@/components/licences/licence-alert";
import { assignSeatsAction } from "@/lib/licences/actions";
import { idle } from "@/lib/form-state";

/**
 * Assign seats (or invite to a site licence) by pasting one address or many. Its own labelled
 * textarea rather than FormField: the page has one form per licence, so ids carry the licence.
 */
export function AssignForm({
  slug,
  licenceId,
  site,
}: {
  slug: string;
  licenceId: string;
  site: boolean;
}) {
  const t = useTranslations("licences.page");
  const tv = useTranslations("validation");
  const [state, action] = useActionState(assignSeatsAction, idle);
  const id = `emails-${licenceId}`;
  const issue = state.fields?.emails;
  return (
    <form action={action} noValidate>
      <LicenceAlert state={state} success={t("assigned", { count: state.params?.count ?? 0 })} />
      <input type="hidden" name="institutionSlug" value={slug} />
      <input type="hidden" name="licenceId" value={licenceId} />
      <div className="mb-4">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("emailsLabel")}
        </label>
        <textarea
          // Remounted after a success, so the sent list is cleared.
          key={state.status === "ok" ? "sent" : "editing"}
          id={id}
          name="emails"
          rows={4}
          required
          maxLength={40000}
          aria-invalid={issue ? true : undefined}
          aria-describedby={`${id}-hint${issue ? ` ${id}-error` : ""}`}
          defaultValue={state.status === "ok" ? "" : (state.values?.emails ?? "")}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700"
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {t("emailsHint")}
        </p>
        {issue && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
            {tv(issue.code, { field: t("emailsLabel"), min: issue.min ?? 0, max: issue.max ?? 0 })}
          </p>
        )}
      </div>
      <SubmitButton>{site ? t("inviteButton") : t("assignButton")}</SubmitButton>
    </form>
  );
}
