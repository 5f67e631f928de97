import { getTranslations } from "next-intl/server";
import type { LedgerEntryView } from "@/lib/ledger/queries";
import { formatDate } from "@/lib/format";
import { formatDay, pick, signedCredits } from "./ledger-text";

/**
 * Ledger entries with their source: what, when, from which institution, at which level and
 * field, the signed credits, and the entry's hash (shortened unless `fullHash`, the transcript).
 */
export async function EntriesTable({
  entries,
  locale,
  timeZone,
  caption,
  fullHash = false,
}: {
  entries: LedgerEntryView[];
  locale: string;
  timeZone: string;
  caption: string;
  fullHash?: boolean;
}) {
  const t = await getTranslations("ledger");
  if (entries.length === 0) return <p className="text-slate-700">{t("noEntries")}</p>;
  const th = "py-2 pr-3 font-medium text-slate-800";
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b border-slate-300">
            <th scope="col" className={th}>
              {t("colSeq")}
            </th>
            <th scope="col" className={th}>
              {t("colDate")}
            </th>
            <th scope="col" className={th}>
              {t("colKind")}
            </th>
            <th scope="col" className={th}>
              {t("colTitle")}
            </th>
            <th scope="col" className={th}>
              {t("colSource")}
            </th>
            <th scope="col" className={th}>
              {t("colLevelField")}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {t("colCredits")}
            </th>
            <th scope="col" className={th}>
              {t("colHash")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => {
            const title = pick(locale, e.titleZh, e.titleEn);
            const inst = e.kind === "recognition" ? e.target : e.source;
            const instName = inst ? pick(locale, inst.nameZh, inst.nameEn) : null;
            const field = pick(locale, e.fieldNameZh, e.fieldNameEn);
            const level = pick(locale, e.levelLabelZh, e.levelLabelEn);
            return (
              <tr key={e.id} className="align-top">
                <td className="py-2 pr-3 tabular-nums">{e.seq}</td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {e.completedOn
                    ? formatDay(e.completedOn, locale)
                    : formatDate(new Date(e.recordedAt), locale, timeZone)}
                </td>
                <td className="py-2 pr-3">
                  {t(`kind_${e.kind}`)}
                  {e.reversesSeq !== null && (
                    <span className="block text-xs text-slate-700">
                      {t(e.kind === "expiry" ? "expires" : "reverses", { seq: e.reversesSeq })}
                    </span>
                  )}
                  {e.frozen && (
                    <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900">
                      {t("frozen")}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-3" lang={title.lang}>
                  {title.text}
                  {e.targetCourseCode && (
                    <span className="block text-xs text-slate-700">{e.targetCourseCode}</span>
                  )}
                </td>
                <td className="py-2 pr-3" lang={instName?.lang}>
                  {instName?.text ?? t("unknownSource")}
                </td>
                <td className="py-2 pr-3">
                  {e.level !== null && (
                    <span className="block" lang={level.lang}>
                      {level.text || `${t("level")} ${e.level}`}
                    </span>
                  )}
                  {e.fieldCode && (
                    <span className="block text-slate-700" lang={field.lang}>
                      {e.fieldCode} {field.text}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-3 text-right font-medium whitespace-nowrap tabular-nums">
                  {signedCredits(e.creditsX100, locale)}
                </td>
                <td className="py-2 font-mono text-xs break-all text-slate-700">
                  {fullHash ? e.hash : <span title={e.hash}>{e.hash.slice(0, 12)}…</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
