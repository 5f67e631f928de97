"use client";

import { useActionState, useEffect, useRef } from "react";
import { useLocale, useTranslations } from "next-intl";
import { SubmitButton } from "@/components/forms/form-status";
import { Notice } from "@/components/ui/card";
import { recordCompletionAction } from "@/lib/completions/actions";
import { idle, type FormState } from "@/lib/form-state";
import { formatCredits } from "@/lib/format";
import { ErrorText } from "./error-text";

const inputs = ["score", "attendancePct", "completedOn", "evidenceUrl"] as const;
type Input = (typeof inputs)[number];

type Props = {
  slug: string;
  enrolmentId: string;
  learnerName: string;
  resourceTitle: string;
  today: string;
  // Only an active enrolment takes a result; the form stays mounted to keep its last answer.
  canRecord: boolean;
  needs: { score: boolean; attendance: boolean };
};

/** One row's result: score, attendance, date (today by default) and evidence; then what happened. */
export function RecordForm(p: Props) {
  const t = useTranslations("completions.record");
  const tv = useTranslations("validation");
  const [state, action] = useActionState(recordCompletionAction, idle);
  const id = `record-${p.enrolmentId}`;
  const messageRef = useRef<HTMLDivElement>(null);

  // After each answer, focus the first field to correct, or else the message.
  useEffect(() => {
    if (state.status === "idle") return;
    const bad = inputs.find((n) => state.fields?.[n]);
    if (bad) document.getElementById(`${id}-${bad}`)?.focus();
    else messageRef.current?.focus();
  }, [state, id]);

  const labels: Record<Input, string> = {
    score: t("score"),
    attendancePct: t("attendance"),
    completedOn: t("completedOn"),
    evidenceUrl: t("evidence"),
  };
  const field = (name: Input, extra: React.InputHTMLAttributes<HTMLInputElement>) => {
    const issue = state.fields?.[name];
    const value = state.status === "error" ? state.values?.[name] : undefined;
    return (
      <div className={name === "evidenceUrl" ? "col-span-2" : ""}>
        <label htmlFor={`${id}-${name}`} className="block text-xs font-medium text-slate-800">
          {labels[name]}
          <span className="sr-only">
            {" "}
            {t("forWhom", { name: p.learnerName, resource: p.resourceTitle })}
          </span>
        </label>
        <input
          {...extra}
          id={`${id}-${name}`}
          name={name}
          defaultValue={value ?? (extra.defaultValue as string | undefined)}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `${id}-${name}-error` : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 aria-[invalid=true]:border-red-700"
        />
        {issue && (
          <p id={`${id}-${name}-error`} className="mt-1 text-xs text-red-800">
            {tv(issue.code, { field: labels[name], min: issue.min ?? 0, max: issue.max ?? 0 })}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="min-w-64 space-y-2">
      <div ref={messageRef} tabIndex={-1} className="focus:outline-none">
        <Answer state={state} formFields={inputs} />
      </div>
      {p.canRecord && (
        // No name for the form: a named form is a landmark, and learners may share a name. Each
        // input's label names the learner and the resource instead.
        <form action={action} noValidate>
          <input type="hidden" name="institutionSlug" value={p.slug} />
          <input type="hidden" name="enrolmentId" value={p.enrolmentId} />
          <div className="grid grid-cols-2 gap-2">
            {field("score", {
              inputMode: "decimal",
              required: p.needs.score,
              placeholder: "0–100",
            })}
            {field("attendancePct", {
              inputMode: "numeric",
              required: p.needs.attendance,
              placeholder: "0–100",
            })}
            {field("completedOn", {
              type: "date",
              required: true,
              max: p.today,
              defaultValue: p.today,
            })}
            {field("evidenceUrl", { type: "url", inputMode: "url", placeholder: "https://" })}
          </div>
          <div className="mt-2">
            <SubmitButton variant="secondary">{t("submit")}</SubmitButton>
          </div>
        </form>
      )}
    </div>
  );
}

/** What the last submission did, in words: the outcome, or the refusal naming the field. */
function Answer({ state, formFields }: { state: FormState; formFields: readonly string[] }) {
  const t = useTranslations("completions.record");
  const tr = useTranslations("completions.failReasons");
  const locale = useLocale();
  if (state.status === "error") return <ErrorText state={state} formFields={formFields} />;
  if (state.status !== "ok" || !state.params) return null;
  const { outcome, result, creditsX100, reason } = state.params;
  const failReason = tr.has(String(reason)) ? tr(String(reason)) : String(reason);
  const deposited = typeof creditsX100 === "number" ? creditsX100 : 0;
  const credits = formatCredits(deposited, locale);
  let text: string;
  if (result === "unchanged") {
    text = outcome === "pass" ? t("unchangedPass") : t("unchangedFail", { reason: failReason });
  } else if (outcome === "pass") {
    text = deposited > 0 ? t("passed", { credits }) : t("passedNoCredits");
  } else {
    text = t("failed", { reason: failReason });
  }
  return <Notice tone={outcome === "pass" ? "success" : "info"}>{text}</Notice>;
}
