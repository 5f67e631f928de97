"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { recordCompletionRowsAction } from "@/lib/completions/actions";
import {
  MAX_COMPLETION_FILE_BYTES,
  MAX_COMPLETION_ROWS,
  type CompletionFileProblem,
} from "@/lib/completions/csv-rows";
import { runCompletionUpload, type UploadRun } from "@/lib/completions/csv-upload";
import { ErrorText } from "./error-text";
import { CsvReport } from "./csv-report";

/**
 * Upload a CSV of results: read and checked here, then sent in chunks of 200 rows, with a
 * progress bar; every row's fate is listed in the report. Sending the same file again changes
 * nothing (each row comes back "already recorded").
 */
export function CsvUpload({ institutionSlug }: { institutionSlug: string }) {
  const t = useTranslations("completions.upload");
  const router = useRouter();
  const [run, setRun] = useState<UploadRun | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);

  // Leaving mid-upload would silently drop the rows not sent yet.
  useEffect(() => {
    if (!isBusy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isBusy]);

  useEffect(() => {
    if (run?.isFinished) outcomeRef.current?.focus();
  }, [run?.isFinished]);

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    setRun(null);
    setIsBusy(true);
    try {
      const done = await runCompletionUpload(
        file,
        institutionSlug,
        recordCompletionRowsAction,
        setRun,
      );
      setRun(done);
      if (done.done > 0) router.refresh();
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={start} noValidate className="space-y-3" aria-busy={isBusy}>
        <div>
          <label htmlFor="completions-file" className="block text-sm font-medium text-slate-800">
            {t("fileLabel")}
          </label>
          <input
            id="completions-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="completions-file-hint"
            disabled={isBusy}
            className="mt-1 block w-full text-base text-slate-900"
          />
          <p id="completions-file-hint" className="mt-1 text-sm text-slate-600">
            {t("fileHint")}
          </p>
        </div>
        <Button type="submit" disabled={isBusy} aria-disabled={isBusy}>
          {t("start")}
        </Button>
      </form>
      {run && run.total > 0 && (
        <div className="space-y-1">
          <label
            htmlFor="completions-progress"
            className="block text-sm font-medium text-slate-800"
          >
            {t("progressLabel")}
          </label>
          <progress
            id="completions-progress"
            value={run.done}
            max={run.total}
            className="accent-brand-700 h-3 w-full"
          />
          <p aria-live="polite" className="text-sm text-slate-700">
            {t("progress", { done: run.done, total: run.total })}
          </p>
        </div>
      )}
      <div ref={outcomeRef} tabIndex={-1} className="space-y-2 focus:outline-none">
        {run?.problem && <Notice tone="error">{problemText(t, run.problem)}</Notice>}
        {run?.error && (
          <>
            <ErrorText state={run.error} formFields={[]} />
            <p className="text-sm text-slate-700">
              {t("stopped", { done: run.done, total: run.total })}
            </p>
          </>
        )}
        {run?.isFinished && !run.problem && !run.error && (
          <Notice tone="success">{t("finished", { total: run.total })}</Notice>
        )}
      </div>
      {run && run.reports.length > 0 && (run.isFinished || run.error) && <CsvReport run={run} />}
    </div>
  );
}

const fileMegabytes = Math.round(MAX_COMPLETION_FILE_BYTES / (1024 * 1024));

type T = ReturnType<typeof useTranslations<"completions.upload">>;

function problemText(t: T, p: CompletionFileProblem): string {
  switch (p.code) {
    case "columns":
      return [
        t("problems.columns"),
        p.unknown.length ? t("problems.unknown", { columns: p.unknown.join(", ") }) : "",
        p.duplicate.length ? t("problems.duplicate", { columns: p.duplicate.join(", ") }) : "",
        p.missing.length ? t("problems.missing", { columns: p.missing.join(", ") }) : "",
      ]
        .filter(Boolean)
        .join(" ");
    case "field_count":
      return t("problems.field_count", { line: p.line, expected: p.expected, got: p.got });
    case "unterminated_quote":
    case "stray_quote":
    case "unreadable":
      return t(`problems.${p.code}`, { line: p.line });
    default:
      return t(`problems.${p.code}`, { max: MAX_COMPLETION_ROWS, megabytes: fileMegabytes });
  }
}
