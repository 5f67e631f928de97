import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { StatementRow } from "@/lib/commerce/statements";
import { formatMoney } from "@/lib/format";

const figures = [
  ["sales", "salesMinor"],
  ["fees", "feesMinor"],
  ["shares", "sharesMinor"],
  ["refunds", "refundsMinor"],
  ["refundFees", "refundFeesMinor"],
  ["refundShares", "refundSharesMinor"],
  ["netPayout", "netPayoutMinor"],
  ["connect", "connectMinor"],
  ["bank", "bankMinor"],
  ["settled", "settledMinor"],
  ["outstanding", "outstandingMinor"],
] as const;

/**
 * A month's statement rows as a table: one row per (member, currency), a column per figure.
 * `action` adds a last cell (the office's settle form).
 */
export async function StatementTable({
  rows,
  showMember,
  action,
}: {
  rows: StatementRow[];
  showMember: boolean;
  action?: { label: string; render: (row: StatementRow) => ReactNode };
}) {
  const [t, locale] = await Promise.all([getTranslations("finance.statements"), getLocale()]);
  if (rows.length === 0) return <p className="text-slate-700">{t("empty")}</p>;
  return (
    // A wide table scrolls sideways on a phone: the scroll box takes focus so keys can scroll it.
    <div className="overflow-x-auto" role="region" aria-label={t("tableLabel")} tabIndex={0}>
      <table className="w-full text-right text-sm">
        <thead>
          <tr className="border-b border-slate-200">
            {showMember && (
              <th scope="col" className="py-2 pr-3 text-left">
                {t("member")}
              </th>
            )}
            <th scope="col" className="py-2 pr-3 text-left">
              {t("currency")}
            </th>
            {figures.map(([key]) => (
              <th key={key} scope="col" className="py-2 pr-3">
                {t(key)}
              </th>
            ))}
            {action && (
              <th scope="col" className="py-2 pr-3 text-left">
                {action.label}
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.institutionId}-${r.currency}`} className="border-b border-slate-100">
              {showMember && (
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  {locale === "zh-CN" ? r.nameZh : r.nameEn}
                </th>
              )}
              <td className="py-2 pr-3 text-left">{r.currency}</td>
              {figures.map(([key, field]) => (
                <td key={key} className="py-2 pr-3 whitespace-nowrap tabular-nums">
                  {formatMoney(r[field], r.currency, locale)}
                </td>
              ))}
              {action && <td className="py-2 pr-3 text-left">{action.render(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
