"use client";

import { useLocale, useTranslations } from "next-intl";
import type { CompletionRowReport } from "@/lib/completions/csv-rows";
import type { UploadRun } from "@/lib/completions/csv-upload";
import { formatCredits } from "@/lib/format";

/** Every row sent, by its line in the file: what was recorded, and what was refused and why. */
export function CsvReport({ run }: { run: UploadRun }) {
  const t = useTranslations("completions.report");
  const te = useTranslations("errors");
  const tv = useTranslations("validation");
  const tr = useTranslations("completions.failReasons");
  const locale = useLocale();
  const cellsOf = new Map(run.rows.map((r) => [r.line, r.cells]));
  const count = (f: (r: CompletionRowReport) => boolean) => run.reports.filter(f).length;

  // An account number never wraps (broken, it reads as two); a slug or id wraps at its hyphens.
  const which = (line: number) => {
    const c = cellsOf.get(line) ?? {};
    const id = c.enrolment_id?.trim();
    if (id) return <span className="wrap-break-word">{id}</span>;
    return (
      <>
        {c.account_number && <span className="whitespace-nowrap">{c.account_number}</span>}
        {c.account_number && c.resource_slug && " · "}
        {c.resource_slug && <span className="wrap-break-word">{c.resource_slug}</span>}
      </>
    );
  };
  const failReason = (reason: string | null) =>
    reason && tr.has(reason) ? tr(reason) : (reason ?? "");
  const result = (r: CompletionRowReport): [string, string[]] => {
    if (!r.ok) {
      const fields = Object.entries(r.fields).map(([column, issue]) =>
        tv(issue.code, { field: column, min: issue.min ?? 0, max: issue.max ?? 0 }),
      );
      // "Please correct the marked fields" says nothing here: the fields are named below it.
      const why =
        r.reason === "validation" && fields.length > 0
          ? []
          : [te(te.has(r.reason) ? r.reason : "unexpected", { seconds: 0 })];
      return [t("refused"), [...why, ...fields]];
    }
    if (r.status === "unchanged") {
      return [t("unchanged"), [r.outcome === "pass" ? t("unchangedPass") : t("unchangedFail")]];
    }
    if (r.outcome === "fail") return [t("failed"), [failReason(r.reason)]];
    return [
      t("passed"),
      [
        r.depositedX100 > 0
          ? t("deposited", { credits: formatCredits(r.depositedX100, locale) })
          : t("noCredits"),
      ],
    ];
  };

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-base font-semibold text-slate-900">
          {t("caption", {
            recorded: count((r) => r.ok && r.status === "recorded"),
            unchanged: count((r) => r.ok && r.status === "unchanged"),
            refused: count((r) => !r.ok),
          })}
        </caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-2 pr-2 sm:pr-4">
              {t("line")}
            </th>
            <th scope="col" className="py-2 pr-2 sm:pr-4">
              {t("row")}
            </th>
            <th scope="col" className="py-2 pr-2 sm:pr-4">
              {t("result")}
            </th>
            <th scope="col" className="py-2 pr-2 sm:pr-4">
              {t("details")}
            </th>
          </tr>
        </thead>
        <tbody>
          {run.reports.map((r) => {
            const [label, details] = result(r);
            return (
              <tr key={r.line} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-2 pr-2 font-normal tabular-nums sm:pr-4">
                  {r.line}
                </th>
                <td className="py-2 pr-2 sm:pr-4">{which(r.line)}</td>
                <td
                  className={`py-2 pr-2 font-medium sm:pr-4 ${r.ok ? "text-slate-900" : "text-red-800"}`}
                >
                  {label}
                </td>
                <td className="py-2 pr-2 sm:pr-4">
                  {details.map((d, i) => (
                    <span key={i} className="block">
                      {d}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
