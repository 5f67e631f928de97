import { getTranslations } from "next-intl/server";
import type { LedgerBalances } from "@/lib/ledger/queries";
import { formatCredits } from "@/lib/format";
import { BarChart } from "./bar-chart";
import { pick } from "./ledger-text";

/**
 * The banked balance (PRODUCT.md §7): the total, what a dispute freezes, a chart by level, lists
 * by field and by source institution; recognitions per target institution, apart from the total.
 */
export async function BalanceSummary({
  balances,
  locale,
  headingLevel = 2,
}: {
  balances: LedgerBalances;
  locale: string;
  headingLevel?: 2 | 3;
}) {
  const t = await getTranslations("ledger");
  const H = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3" | "h4";
  const credits = (x: number) => formatCredits(x, locale);
  const withFrozen = (c: number, f: number) =>
    f === 0 ? credits(c) : `${credits(c)} (${t("frozenShort", { credits: credits(f) })})`;
  const { banked } = balances;
  const institutionName = (i: { nameZh: string; nameEn: string } | null) => {
    const name = i
      ? pick(locale, i.nameZh, i.nameEn)
      : { text: t("unknownSource"), lang: undefined };
    return { label: name.text, lang: name.lang };
  };
  return (
    <div className="space-y-6">
      <div>
        <H className="text-lg font-semibold">{t("banked")}</H>
        <p className="mt-1 text-3xl font-bold text-slate-900 tabular-nums">
          {t("bankedTotal", { credits: credits(banked.creditsX100) })}
        </p>
        {banked.frozenX100 !== 0 && (
          <p className="mt-1 text-sm text-amber-900">
            {t("frozenNote", { credits: credits(banked.frozenX100) })}
          </p>
        )}
        {balances.byLevel.length === 0 && <p className="mt-2 text-slate-700">{t("noCredits")}</p>}
      </div>
      {balances.byLevel.length > 0 && (
        <BarChart
          caption={t("chartCaption")}
          labelHeading={t("level")}
          valueHeading={t("colCredits")}
          rows={balances.byLevel.map((g) => {
            const name = pick(locale, g.labelZh, g.labelEn);
            return {
              key: String(g.level),
              label: g.level === null ? t("noLevel") : name.text || String(g.level),
              lang: name.lang,
              value: g.creditsX100,
              text: withFrozen(g.creditsX100, g.frozenX100),
            };
          })}
        />
      )}
      <div className="grid gap-6 md:grid-cols-2">
        <GroupList
          heading={<Sub className="mb-2 font-medium">{t("byField")}</Sub>}
          rows={balances.byField.map((g) => {
            const name = pick(locale, g.nameZh, g.nameEn);
            return {
              key: g.fieldCode ?? "-",
              label: g.fieldCode === null ? t("noField") : `${g.fieldCode} ${name.text}`,
              lang: name.lang,
              value: withFrozen(g.creditsX100, g.frozenX100),
            };
          })}
        />
        <GroupList
          heading={<Sub className="mb-2 font-medium">{t("bySource")}</Sub>}
          rows={balances.bySource.map((g) => ({
            key: g.institution?.slug ?? "-",
            ...institutionName(g.institution),
            value: withFrozen(g.creditsX100, g.frozenX100),
          }))}
        />
      </div>
      <GroupList
        heading={
          <>
            <Sub className="mb-1 font-medium">{t("recognitions")}</Sub>
            <p className="mb-2 text-sm text-slate-700">{t("recognitionsNote")}</p>
          </>
        }
        rows={balances.recognitions.map((g) => ({
          key: g.institution?.slug ?? "-",
          ...institutionName(g.institution),
          value: t("recognitionLine", { credits: credits(g.creditsX100), count: g.count }),
        }))}
      />
    </div>
  );
}

type GroupRow = { key: string; label: string; lang: string | undefined; value: string };

/** One heading and its label → credits lines; nothing at all when there are no rows. */
function GroupList({ heading, rows }: { heading: React.ReactNode; rows: GroupRow[] }) {
  if (rows.length === 0) return null;
  return (
    <div>
      {heading}
      <ul className="divide-y divide-slate-100 text-sm">
        {rows.map((r) => (
          <li key={r.key} className="flex justify-between gap-4 py-1">
            <span lang={r.lang}>{r.label}</span>
            <span className="font-medium tabular-nums">{r.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
