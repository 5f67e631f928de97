import type { Metadata } from "next";
import Image from "next/image";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Link } from "@/i18n/navigation";
import { getPublicResource } from "@/lib/catalogue/queries";
import { renderMarkdown } from "@/lib/catalogue/markdown";
import { formatCredits, formatDate } from "@/lib/format";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { pickText } from "../../_components/localized";
import { BuyBox } from "./_components/buy-box";
import { RatingsSection } from "./_components/ratings-section";
import { ResourceOffers } from "./_components/resource-offers";

type Props = { params: Promise<{ locale: string; slug: string }> };

// Metadata and page read the same resource once per request.
const loadResource = cache((slug: string) => getPublicResource(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, locale } = await params;
  const resource = await loadResource(slug);
  if (!resource) return {};
  return {
    title: pickText(locale, resource.titleZh, resource.titleEn).text,
    description: pickText(locale, resource.summaryZh, resource.summaryEn).text,
  };
}

const section = "rounded-lg border border-slate-200 bg-white p-6";
const sectionTitle = "mb-3 text-xl font-semibold";

// GET /resources/[slug] – one public resource (its live version); anything else is a 404.
export default async function ResourcePage({ params }: Props) {
  const { slug } = await params;
  const [resource, locale, t, tc, timeZone] = await Promise.all([
    loadResource(slug),
    getLocale(),
    getTranslations("resourcePage"),
    getTranslations("catalogue"),
    getAllianceTimeZone(),
  ]);
  if (!resource) notFound();

  const zh = locale === "zh-CN";
  const title = pickText(locale, resource.titleZh, resource.titleEn);
  const summary = pickText(locale, resource.summaryZh, resource.summaryEn);
  const institution = pickText(locale, resource.institution.nameZh, resource.institution.nameEn);
  const description = renderMarkdown(resource.descriptionMd);
  const isMaterial = resource.kind === "learning_resource";
  const { minScore, minAttendancePct } = resource.completionRule;
  const facts: [string, string][] = [
    [tc("facts.kind"), tc(`kinds.${resource.kind}`)],
    [tc("facts.credits"), formatCredits(resource.creditsX100, locale)],
    [t("learningHours"), t("hours", { hours: resource.learningHours })],
    [tc("facts.level"), zh ? resource.levelLabelZh : resource.levelLabelEn],
    [t("field"), `${resource.fieldCode} ${zh ? resource.fieldNameZh : resource.fieldNameEn}`],
    [
      t("languages"),
      resource.languages
        .map((l) => (tc.has(`languages.${l}`) ? tc(`languages.${l}`) : l))
        .join(zh ? "、" : ", "),
    ],
    [t("delivery"), tc(`delivery.${resource.deliveryMode}`)],
    [t("version"), String(resource.version)],
  ];
  if (resource.publishedAt) {
    facts.push([t("published"), formatDate(new Date(resource.publishedAt), locale, timeZone)]);
  }

  return (
    <article className="space-y-6">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/resources" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900" lang={title.lang}>
          {title.text}
        </h1>
        <p className="mt-2 text-slate-700">
          {t("offeredBy")}{" "}
          <Link
            href={`/institutions/${resource.institution.slug}`}
            className="text-brand-700 font-medium underline"
            lang={institution.lang}
          >
            {institution.text}
          </Link>
        </p>
        {summary.text && (
          <p className="mt-4 max-w-3xl text-lg text-slate-800" lang={summary.lang}>
            {summary.text}
          </p>
        )}
      </header>
      {resource.coverImageUrl && (
        // Uploaded covers are already sized and re-served with long caching: no optimiser pass.
        <Image
          src={resource.coverImageUrl}
          alt=""
          width={1200}
          height={630}
          unoptimized
          className="max-h-80 w-full rounded-lg object-cover"
        />
      )}
      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div className="space-y-6">
          {description && (
            <section aria-labelledby="description" className={section}>
              <h2 id="description" className={sectionTitle}>
                {t("description")}
              </h2>
              <div
                className="[&_a]:text-brand-700 space-y-3 text-slate-800 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_h3]:text-lg [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_table]:w-full [&_table]:text-left [&_td]:border-b [&_td]:border-slate-200 [&_td]:p-1 [&_th]:border-b [&_th]:border-slate-300 [&_th]:p-1 [&_ul]:list-disc [&_ul]:pl-6"
                // Sanitised by renderMarkdown: an allowlist of structural tags, safe links only.
                dangerouslySetInnerHTML={{ __html: description }}
              />
            </section>
          )}
          {resource.outcomes.length > 0 && (
            <section aria-labelledby="outcomes" className={section}>
              <h2 id="outcomes" className={sectionTitle}>
                {t("outcomes")}
              </h2>
              <ul className="list-disc space-y-1 pl-6">
                {resource.outcomes.map((o, i) => {
                  const text = pickText(locale, o.zh, o.en);
                  return (
                    <li key={i} lang={text.lang}>
                      {text.text}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          <section aria-labelledby="completion" className={section}>
            <h2 id="completion" className={sectionTitle}>
              {t("completionTitle")}
            </h2>
            <dl className="space-y-3">
              <div>
                <dt className="font-medium text-slate-800">{t("assessment")}</dt>
                <dd className="whitespace-pre-line">
                  {resource.assessment || (isMaterial ? t("noAssessment") : t("none"))}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-800">{t("completionRule")}</dt>
                <dd>
                  {isMaterial ? (
                    t("noCompletion")
                  ) : minScore === null && minAttendancePct === null ? (
                    t("noRule")
                  ) : (
                    <ul>
                      {minScore !== null && <li>{t("minScore", { score: minScore })}</li>}
                      {minAttendancePct !== null && (
                        <li>{t("minAttendance", { pct: minAttendancePct })}</li>
                      )}
                    </ul>
                  )}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-800">{t("prerequisites")}</dt>
                <dd className="whitespace-pre-line">{resource.prerequisites || t("none")}</dd>
              </div>
            </dl>
          </section>
          <RatingsSection resource={resource} locale={locale} timeZone={timeZone} />
        </div>
        <div className="space-y-6">
          <section aria-labelledby="facts" className={section}>
            <h2 id="facts" className={sectionTitle}>
              {t("facts")}
            </h2>
            <dl className="divide-y divide-slate-100">
              {facts.map(([term, value]) => (
                <div key={term} className="flex justify-between gap-4 py-2">
                  <dt className="text-slate-700">{term}</dt>
                  <dd className="text-right font-medium text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ResourceOffers resource={resource} locale={locale} />
          <BuyBox resource={resource} locale={locale} />
        </div>
      </div>
    </article>
  );
}
