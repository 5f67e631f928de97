import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { formatCredits, formatMoney } from "@/lib/format";
import type { SearchHit } from "@/lib/search/query";
import { pickText } from "./localized";

type Props = {
  hit: SearchHit;
  /** Level number → label in the page's language; the bare number is shown without it. */
  levelLabels?: Map<number, string>;
  heading?: "h2" | "h3";
};

/** One resource in a list (search results, home sections, an institution's page). */
export async function ResourceCard({ hit, levelLabels, heading: Heading = "h3" }: Props) {
  const [t, locale] = await Promise.all([getTranslations("catalogue"), getLocale()]);
  const title = pickText(locale, hit.titleZh, hit.titleEn);
  const summary = pickText(locale, hit.summaryZh, hit.summaryEn);
  const institution = pickText(locale, hit.institutionNameZh, hit.institutionNameEn);
  const kind = t.has(`kinds.${hit.kind}`) ? t(`kinds.${hit.kind}`) : hit.kind;
  return (
    <article className="@container flex h-full flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Heading className="text-lg leading-snug font-semibold">
        <Link
          href={`/resources/${hit.slug}`}
          lang={title.lang}
          className="text-brand-700 hover:text-brand-800 underline-offset-2 hover:underline"
        >
          {title.text}
        </Link>
      </Heading>
      <p className="mt-1 text-sm text-slate-700" lang={institution.lang}>
        {institution.text}
      </p>
      {summary.text && (
        <p className="mt-2 line-clamp-2 text-sm text-slate-800" lang={summary.lang}>
          {summary.text}
        </p>
      )}
      <dl className="mt-auto grid grid-cols-2 gap-x-4 gap-y-1 pt-3 text-sm @lg:grid-cols-4">
        <div>
          <dt className="text-slate-600">{t("facts.kind")}</dt>
          <dd className="font-medium text-slate-900">{kind}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("facts.credits")}</dt>
          <dd className="font-medium text-slate-900">{formatCredits(hit.creditsX100, locale)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("facts.level")}</dt>
          <dd className="font-medium text-slate-900">{levelLabels?.get(hit.level) ?? hit.level}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{t("facts.price")}</dt>
          <dd className="font-medium text-slate-900">
            <Price
              price={hit.price}
              locale={locale}
              free={t("facts.free")}
              none={t("facts.noLearnerPrice")}
            />
          </dd>
        </div>
      </dl>
    </article>
  );
}

function Price({
  price,
  locale,
  free,
  none,
}: {
  price: SearchHit["price"];
  locale: string;
  free: string;
  none: string;
}) {
  if (!price) {
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="sr-only">{none}</span>
      </>
    );
  }
  if (price.amountMinor === 0) return <>{free}</>;
  return <>{formatMoney(price.amountMinor, price.currency, locale)}</>;
}

/** Level labels of the credit standard in the page's language, for the cards above. */
export function levelLabelMap(
  levels: { level: number; labelZh: string; labelEn: string }[],
  locale: string,
): Map<number, string> {
  return new Map(levels.map((l) => [l.level, locale === "zh-CN" ? l.labelZh : l.labelEn]));
}
