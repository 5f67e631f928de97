"use client";

import { useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import type { ImportRowResult, ImportWarning } from "@/lib/catalogue/import";
import type { ImportFormat } from "@/lib/catalogue/import-file";
import { fieldLabel, issueMessage } from "@/lib/catalogue/import-report";

export type ImportRun = {
  format: ImportFormat;
  total: number;
  done: number;
  results: ImportRowResult[];
  /** Lines refused in the browser (too large to send) and lines that are not JSON. */
  oversized: number[];
  notJson: number[];
  error: string | null;
  isFinished: boolean;
};

type Refused = { line: number; problems: string[] };

const CREATED_SHOWN = 100;

/** What was created (links to edit each draft) and which rows were refused, and why. */
export function ImportReport({
  institutionSlug,
  run,
}: {
  institutionSlug: string;
  run: ImportRun;
}) {
  const t = useTranslations("importUi");
  const tv = useTranslations("validation");
  const created = run.results.filter((r) => r.ok);
  const notJson = new Set(run.notJson);

  const warningText = (w: ImportWarning) =>
    t(`warnings.${w.code}`, { field: fieldLabel(run.format, w.field), value: w.value ?? "" });
  const warned = created.filter((r) => r.warnings?.length);

  const problemsOf = (r: Extract<ImportRowResult, { ok: false }>): string[] => [
    ...fieldProblemsOf(r),
    ...(r.warnings ?? []).map(warningText),
  ];
  const fieldProblemsOf = (r: Extract<ImportRowResult, { ok: false }>): string[] => {
    if (notJson.has(r.line)) return [t("notJson")];
    const fields = Object.entries(r.fields ?? {});
    if (fields.length === 0) return [r.message];
    return fields.map(([path, issue]) => {
      const m = issueMessage(path, issue);
      const values = { field: fieldLabel(run.format, path), min: m.min, max: m.max };
      if (m.ns === "importUi") return t(m.key, values);
      return tv.has(m.key) ? tv(m.key, values) : r.message;
    });
  };
  const refused: Refused[] = [
    ...run.results.flatMap((r) => (r.ok ? [] : [{ line: r.line, problems: problemsOf(r) }])),
    ...run.oversized.map((line) => ({ line, problems: [t("rowTooLarge")] })),
  ].sort((a, b) => a.line - b.line);

  return (
    <section aria-labelledby="import-report" className="space-y-4">
      <h2 id="import-report" className="text-lg font-semibold text-slate-900">
        {t("reportTitle")}
      </h2>
      <p>
        {t("summary", {
          created: created.filter((r) => !r.alreadyImported).length,
          refused: refused.length,
        })}{" "}
        {created.some((r) => r.alreadyImported) &&
          t("alreadySummary", { count: created.filter((r) => r.alreadyImported).length })}
      </p>
      {created.length > 0 && (
        <div>
          <h3 className="font-medium text-slate-900">{t("createdTitle")}</h3>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm">
            {created.slice(0, CREATED_SHOWN).map((r) => (
              <li key={r.id}>
                <Link
                  href={`/institution/${institutionSlug}/resources/${r.id}`}
                  className="text-brand-700 underline"
                >
                  {r.slug}
                </Link>{" "}
                <span className="text-slate-600">
                  ({t(r.alreadyImported ? "alreadyLine" : "createdLine", { line: r.line })})
                </span>
              </li>
            ))}
          </ul>
          {created.length > CREATED_SHOWN && (
            <p className="mt-2 text-sm">
              <Link
                href={`/institution/${institutionSlug}/resources`}
                className="text-brand-700 underline"
              >
                {t("moreCreated", { count: created.length - CREATED_SHOWN })}
              </Link>
            </p>
          )}
        </div>
      )}
      {warned.length > 0 && (
        <div>
          <h3 className="font-medium text-slate-900">{t("warnedTitle")}</h3>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm">
            {warned.map((r) => (
              <li key={r.line}>
                {t("colLine")} {r.line}: {(r.warnings ?? []).map(warningText).join(" ")}
              </li>
            ))}
          </ul>
        </div>
      )}
      {refused.length > 0 && (
        <div>
          <h3 className="font-medium text-slate-900">{t("refusedTitle")}</h3>
          <p className="text-sm text-slate-700">{t("refusedIntro")}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("colLine")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colProblems")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {refused.map((r) => (
                  <tr key={r.line} className="border-b border-slate-100 align-top">
                    <th scope="row" className="py-2 pr-4 font-normal tabular-nums">
                      {r.line}
                    </th>
                    <td className="py-2 pr-4">
                      <ul className="space-y-1">
                        {r.problems.map((p, i) => (
                          <li key={i}>{p}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
