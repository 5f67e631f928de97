"use client";

import { useEffect, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { importChunkAction, startImportAction } from "@/lib/catalogue/import-actions";
import type { CsvProblem } from "@/lib/catalogue/csv";
import {
  IMPORT_FILE_ACCEPT,
  checkImportFile,
  chunkRows,
  formatOfFileName,
  isJsonText,
  splitImportFile,
  type FileRow,
} from "@/lib/catalogue/import-file";
import { ImportReport, type ImportRun } from "./import-report";

/** Read the file here, send its rows in chunks, show progress and then the report. */
export function ImportClient({ institutionSlug }: { institutionSlug: string }) {
  const t = useTranslations("importUi");
  const [problem, setProblem] = useState<string | null>(null);
  const [csvProblem, setCsvProblem] = useState<CsvProblem | null>(null);
  const [run, setRun] = useState<ImportRun | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  // Leaving mid-import would silently drop the rows not sent yet.
  useEffect(() => {
    if (!isBusy) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isBusy]);

  async function sendRows(file: File) {
    let text: string;
    try {
      text = await file.text();
    } catch {
      return setProblem("unreadable");
    }
    const split = splitImportFile(formatOfFileName(file.name) ?? "jsonl", text);
    if (!split.ok) {
      setCsvProblem(split.csv ?? null);
      return setProblem(split.problem);
    }
    const { format, rows } = split.file;
    const { chunks, oversized } = chunkRows<FileRow>(rows);
    let current: ImportRun = {
      format,
      total: rows.length,
      done: oversized.length,
      results: [],
      oversized,
      notJson: [],
      error: null,
      isFinished: false,
    };
    setRun(current);
    // The import's id names every chunk: a chunk sent again creates nothing twice.
    let importId: string | null = null;
    try {
      const started = await startImportAction(institutionSlug, format);
      importId = started.importId;
      if (started.status === "error")
        current = { ...current, error: started.reason ?? "unexpected" };
    } catch {
      current = { ...current, error: "unexpected" };
    }
    for (const chunk of importId ? chunks : []) {
      let reply: Awaited<ReturnType<typeof importChunkAction>>;
      try {
        reply = await importChunkAction({ importId, institutionSlug, format, rows: chunk });
      } catch {
        current = { ...current, error: "unexpected" };
        break;
      }
      if (reply.status === "error") {
        current = { ...current, error: reply.reason ?? "unexpected" };
        break;
      }
      // Only wording: the server decided the row was refused; say why in plain terms.
      const notJson = chunk
        .filter((r) => typeof r.row === "string" && !isJsonText(r.row))
        .map((r) => r.line);
      current = {
        ...current,
        done: current.done + chunk.length,
        results: [...current.results, ...reply.results],
        notJson: [...current.notJson, ...notJson],
      };
      setRun(current);
    }
    setRun({ ...current, isFinished: true });
  }

  async function start(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const input = e.currentTarget.elements.namedItem("file");
    const file = input instanceof HTMLInputElement ? input.files?.[0] : undefined;
    const fileProblem = file ? checkImportFile(file) : "no_file";
    setRun(null);
    setProblem(fileProblem);
    setCsvProblem(null);
    if (!file || fileProblem) return;
    setIsBusy(true);
    try {
      await sendRows(file);
    } finally {
      setIsBusy(false);
    }
  }

  const errorKey = run?.error && t.has(`errors.${run.error}`) ? run.error : "unexpected";
  return (
    <div className="space-y-6">
      <form onSubmit={start} noValidate className="space-y-4" aria-busy={isBusy}>
        {problem && (
          <Notice tone="error">
            {csvProblem
              ? t(`csvProblems.${csvProblem.code}`, { ...csvProblem })
              : t(`problems.${problem}`)}
          </Notice>
        )}
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            {t("fileLabel")}
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept={IMPORT_FILE_ACCEPT}
            aria-describedby="import-file-hint"
            disabled={isBusy}
            className="mt-1 block w-full text-base text-slate-900"
          />
          <p id="import-file-hint" className="mt-1 text-sm text-slate-600">
            {t("fileHint")}
          </p>
        </div>
        <Button type="submit" disabled={isBusy} aria-disabled={isBusy}>
          {t("start")}
        </Button>
      </form>
      {run && (
        <div className="space-y-2">
          <label htmlFor="import-progress" className="block text-sm font-medium text-slate-800">
            {t("progressLabel")}
          </label>
          <progress
            id="import-progress"
            value={run.done}
            max={run.total}
            className="accent-brand-700 h-3 w-full"
          />
          <p aria-live="polite" className="text-sm text-slate-700">
            {t("progress", { done: run.done, total: run.total })}
          </p>
          {run.error && (
            <Notice tone="error">
              {t(`errors.${errorKey}`)} {t("stopped", { done: run.done, total: run.total })}
            </Notice>
          )}
          {run.isFinished && !run.error && <Notice tone="success">{t("finished")}</Notice>}
        </div>
      )}
      {run && (run.isFinished || run.error) && (
        <ImportReport institutionSlug={institutionSlug} run={run} />
      )}
    </div>
  );
}
