import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { RecentCompletion } from "@/lib/completions/queries";
import { CorrectForm } from "./correct-form";
import { formatDay, formatScore } from "./format";

/** The latest results recorded here, corrected ones too, with their source and recorder. */
export async function RecentTable({ recent }: { recent: RecentCompletion[] }) {
  const [t, format, locale] = await Promise.all([
    getTranslations("completions"),
    getFormatter(),
    getLocale(),
  ]);
  if (recent.length === 0) return <p className="text-slate-700">{t("recent.empty")}</p>;
  const th = "py-2 pr-4";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-sm text-slate-700">
          {t("recent.caption", { count: recent.length })}
        </caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={th}>
              {t("board.learner")}
            </th>
            <th scope="col" className={th}>
              {t("board.resource")}
            </th>
            <th scope="col" className={th}>
              {t("recent.result")}
            </th>
            <th scope="col" className={th}>
              {t("recent.source")}
            </th>
            <th scope="col" className={th}>
              {t("recent.correction")}
            </th>
          </tr>
        </thead>
        <tbody>
          {recent.map((c) => (
            <tr key={c.completionId} className="border-b border-slate-100 align-top">
              <th scope="row" className={`${th} font-normal`}>
                {c.learnerName}
              </th>
              <td className={th}>{locale === "zh-CN" ? c.titleZh : c.titleEn}</td>
              <td className={th}>
                <span className={`block font-medium ${c.voidedAt ? "line-through" : ""}`}>
                  {t(c.outcome === "pass" ? "recent.pass" : "recent.fail")}
                  {c.scoreX100 !== null &&
                    ` · ${t("board.score", { score: formatScore(c.scoreX100, locale) })}`}
                  {c.attendancePct !== null &&
                    ` · ${t("board.attendance", { pct: c.attendancePct })}`}
                </span>
                <span className="block text-slate-600">
                  {formatDay(c.completedOn, locale)}
                  {c.reason && t.has(`failReasons.${c.reason}`)
                    ? ` · ${t(`failReasons.${c.reason}`)}`
                    : ""}
                </span>
              </td>
              <td className={th}>
                <span className="block">{t(`sources.${c.source}`)}</span>
                <span className="block text-slate-600">
                  {t("recent.recorded", {
                    date: format.dateTime(c.recordedAt, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    }),
                    who: c.recordedByName ?? (c.viaApi ? t("recent.apiKey") : "—"),
                  })}
                </span>
              </td>
              <td className={th}>
                {c.voidedAt && (
                  <span className="block text-slate-700">
                    {t("recent.voided", {
                      date: format.dateTime(c.voidedAt, { dateStyle: "medium" }),
                      reason: (c.voidReason ?? "").replace(/^correction: /, ""),
                    })}
                  </span>
                )}
                <CorrectForm
                  completionId={c.voidedAt ? null : c.completionId}
                  learnerName={c.learnerName}
                  idPrefix="recent"
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
