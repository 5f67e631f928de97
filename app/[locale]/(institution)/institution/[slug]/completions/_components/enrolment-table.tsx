import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { BoardEnrolment } from "@/lib/completions/queries";
import { formatCredits } from "@/lib/format";
import { CorrectForm } from "./correct-form";
import { formatDay, formatScore } from "./format";
import { RecordForm } from "./record-form";

/** The board: one row per enrolment, its latest result, and the forms to record or correct. */
export async function EnrolmentTable({
  slug,
  today,
  enrolments,
  caption,
}: {
  slug: string;
  today: string;
  enrolments: BoardEnrolment[];
  caption: string;
}) {
  const [t, format, locale] = await Promise.all([
    getTranslations("completions"),
    getFormatter(),
    getLocale(),
  ]);
  if (enrolments.length === 0) return <p className="text-slate-700">{t("board.empty")}</p>;
  const th = "py-2 pr-4";
  const title = (e: BoardEnrolment) => (locale === "zh-CN" ? e.titleZh : e.titleEn);
  const rule = (e: BoardEnrolment) =>
    [
      e.minScore !== null ? t("rule.score", { min: e.minScore }) : null,
      e.minAttendancePct !== null ? t("rule.attendance", { min: e.minAttendancePct }) : null,
    ]
      .filter(Boolean)
      .join(", ") || t("rule.none");
  const latestText = (e: BoardEnrolment) => {
    const l = e.latest;
    if (!l) return t("board.noResult");
    const figures = [
      l.scoreX100 !== null ? t("board.score", { score: formatScore(l.scoreX100, locale) }) : null,
      l.attendancePct !== null ? t("board.attendance", { pct: l.attendancePct }) : null,
      formatDay(l.completedOn, locale),
      t(`sources.${l.source}`),
    ].filter(Boolean);
    return (
      <>
        <span className="block font-medium">
          {l.outcome === "pass"
            ? t("board.pass", { credits: formatCredits(e.creditsX100, locale) })
            : t("board.fail", {
                reason: t.has(`failReasons.${l.reason}`) ? t(`failReasons.${l.reason}`) : "",
              })}
        </span>
        <span className="block text-slate-600">{figures.join(" · ")}</span>
      </>
    );
  };
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left text-sm text-slate-700">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className={th}>
              {t("board.learner")}
            </th>
            <th scope="col" className={th}>
              {t("board.resource")}
            </th>
            <th scope="col" className={th}>
              {t("board.status")}
            </th>
            <th scope="col" className={th}>
              {t("board.latest")}
            </th>
            <th scope="col" className={th}>
              {t("board.record")}
            </th>
          </tr>
        </thead>
        <tbody>
          {enrolments.map((e) => (
            <tr key={e.enrolmentId} className="border-b border-slate-100 align-top">
              <th scope="row" className={`${th} font-normal`}>
                <span className="block font-medium">{e.learnerName}</span>
                <span className="block text-slate-600">
                  <span className="sr-only">{t("board.account")} </span>
                  {e.accountNumber ?? (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">{t("board.noAccount")}</span>
                    </>
                  )}
                </span>
              </th>
              <td className={th}>
                <span className="block">{title(e)}</span>
                <span className="block text-slate-600">{rule(e)}</span>
              </td>
              <td className={th}>
                <span className="block">{t(`enrolmentStatus.${e.status}`)}</span>
                <span className="block text-slate-600">
                  {t("board.enrolledOn", {
                    date: format.dateTime(e.enrolledAt, { dateStyle: "medium" }),
                  })}
                </span>
              </td>
              <td className={th}>
                {latestText(e)}
                <CorrectForm
                  completionId={e.latest?.completionId ?? null}
                  learnerName={e.learnerName}
                  idPrefix="board"
                />
              </td>
              <td className={th}>
                {e.status !== "active" && (
                  <p className="mb-1 text-slate-600">{t(`board.closed.${e.status}`)}</p>
                )}
                <RecordForm
                  slug={slug}
                  enrolmentId={e.enrolmentId}
                  learnerName={e.learnerName}
                  resourceTitle={title(e)}
                  today={today}
                  canRecord={e.status === "active"}
                  needs={{ score: e.minScore !== null, attendance: e.minAttendancePct !== null }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
