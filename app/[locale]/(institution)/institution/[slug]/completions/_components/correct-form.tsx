"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { voidCompletionAction } from "@/lib/completions/actions";
import { idle } from "@/lib/form-state";
import { ErrorText } from "./error-text";

/**
 * A correction of one result, with a required reason: the result is voided, a pass's credits are
 * reversed and its credential revoked. Rendered whether or not there is a result to correct
 * (`completionId` null), so its answer survives the page refresh that removes the result.
 */
export function CorrectForm({
  completionId,
  learnerName,
  idPrefix,
}: {
  completionId: string | null;
  learnerName: string;
  // Unique on the page: the board and the recent list may show the same completion.
  idPrefix: string;
}) {
  const t = useTranslations("completions.correct");
  const tv = useTranslations("validation");
  const [state, action] = useActionState(voidCompletionAction, idle);
  const messageRef = useRef<HTMLDivElement>(null);
  const id = `${idPrefix}-${completionId ?? "none"}`;
  const issue = state.fields?.reason;

  useEffect(() => {
    if (state.status === "idle") return;
    if (state.fields?.reason) document.getElementById(`${id}-reason`)?.focus();
    else messageRef.current?.focus();
  }, [state, id]);

  const reversals = typeof state.params?.reversals === "number" ? state.params.reversals : 0;
  return (
    <div className="mt-2">
      <div ref={messageRef} tabIndex={-1} className="focus:outline-none">
        {state.status === "ok" && (
          <Notice tone="success">{reversals > 0 ? t("doneReversed") : t("done")}</Notice>
        )}
        {state.status === "error" && <ErrorText state={state} formFields={["reason"]} />}
      </div>
      {completionId && (
        <details className="mt-1" open={state.status === "error" || undefined}>
          <summary className="text-brand-700 cursor-pointer text-sm underline">
            {t("open")}
            <span className="sr-only"> {t("forWhom", { name: learnerName })}</span>
          </summary>
          <form
            action={action}
            noValidate
            className="mt-2 space-y-2"
            onSubmit={(e) => {
              if (!window.confirm(t("confirm"))) e.preventDefault();
            }}
          >
            <input type="hidden" name="completionId" value={completionId} />
            <p className="text-xs text-slate-700">{t("explain")}</p>
            <div>
              <label htmlFor={`${id}-reason`} className="block text-xs font-medium text-slate-800">
                {t("reason")}
                <span className="sr-only"> {t("forWhom", { name: learnerName })}</span>
              </label>
              <input
                id={`${id}-reason`}
                name="reason"
                required
                minLength={3}
                maxLength={500}
                defaultValue={state.status === "error" ? state.values?.reason : undefined}
                aria-invalid={issue ? true : undefined}
                aria-describedby={issue ? `${id}-reason-error` : undefined}
                className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 aria-[invalid=true]:border-red-700"
              />
              {issue && (
                <p id={`${id}-reason-error`} className="mt-1 text-xs text-red-800">
                  {tv(issue.code, { field: t("reason"), min: issue.min ?? 0, max: issue.max ?? 0 })}
                </p>
              )}
            </div>
            <SubmitButton variant="danger">{t("submit")}</SubmitButton>
          </form>
        </details>
      )}
    </div>
  );
}
