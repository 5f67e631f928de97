"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { PublishingAlert } from "@/components/publishing/publishing-alert";
import { reviewAction } from "@/lib/catalogue/actions";
import { idle } from "@/lib/form-state";

/**
 * The office's decision on one version: approve, request changes or reject (with a reason).
 * The reason field is drawn here rather than by FormField, whose id comes from the field name:
 * the queue shows many of these forms on one page and ids must stay unique.
 */
export function ReviewForm({ resourceId }: { resourceId: string }) {
  const t = useTranslations("review");
  const tv = useTranslations("validation");
  const [state, action, pending] = useActionState(reviewAction, idle);
  const decided = `decided_${state.params?.decision ?? ""}`;
  const id = `reason-${resourceId}`;
  const issue = state.fields?.reason;
  return (
    <form action={action} noValidate className="mt-4">
      <PublishingAlert state={state} success={t.has(decided) ? t(decided) : undefined} />
      <input type="hidden" name="resourceId" value={resourceId} />
      <div className="mb-4">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {t("reason")}
        </label>
        <textarea
          id={id}
          name="reason"
          rows={3}
          maxLength={2000}
          aria-invalid={issue ? true : undefined}
          aria-describedby={`${id}-hint${issue ? ` ${id}-error` : ""}`}
          defaultValue={state.status === "error" ? state.values?.reason : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 aria-[invalid=true]:border-red-700"
        />
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {t("reasonHint")}
        </p>
        {issue && (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
            {tv(issue.code, { field: t("reason"), min: issue.min ?? 0, max: issue.max ?? 0 })}
          </p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="decision" value="approve" disabled={pending}>
          {t("approve")}
        </Button>
        <Button
          type="submit"
          name="decision"
          value="request_changes"
          variant="secondary"
          disabled={pending}
        >
          {t("requestChanges")}
        </Button>
        <Button type="submit" name="decision" value="reject" variant="danger" disabled={pending}>
          {t("reject")}
        </Button>
      </div>
    </form>
  );
}
