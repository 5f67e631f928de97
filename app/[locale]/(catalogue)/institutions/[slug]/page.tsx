import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { Link } from "@/i18n/navigation";
import { getPublicInstitution } from "@/lib/catalogue/queries";
import { listStandardLabels } from "@/lib/standard/queries";
import { searchCatalogue } from "@/lib/search";
import { pickText, safeExternalUrl } from "../../_components/localized";
import { levelLabelMap, ResourceCard } from "../../_components/resource-card";

type Props = { params: Promise<{ locale: string; slug: string }> };

const SHOWN = 50;
const loadInstitution = cache((slug: string) => getPublicInstitution(slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, locale } = await params;
  const inst = await loadInstitution(slug);
  if (!inst) return {};
  return { title: pickText(locale, inst.nameZh, inst.nameEn).text };
}

// GET /institutions/[slug] – a member's public profile and its published resources.
export default async function InstitutionPage({ params }: Props) {
  const { slug } = await params;
  const inst = await loadInstitution(slug);
  if (!inst) notFound();
  const [found, labels, locale, t, tk] = await Promise.all([
    searchCatalogue({ institution: inst.slug, sort: "newest", pageSize: SHOWN }),
    listStandardLabels(),
    getLocale(),
    getTranslations("institutionPage"),
    getTranslations("kinds"),
  ]);
  const name = pickText(locale, inst.nameZh, inst.nameEn);
  const otherName = locale === "zh-CN" ? inst.nameEn : inst.nameZh;
  const description = pickText(locale, inst.descriptionZh, inst.descriptionEn);
  const website = safeExternalUrl(inst.website);
  const levels = levelLabelMap(labels.levels, locale);

  return (
    <div className="space-y-8">
      <nav aria-label={t("breadcrumb")} className="text-sm">
        <Link href="/institutions" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900" lang={name.lang}>
          {name.text}
        </h1>
        {otherName && otherName !== name.text && (
          <p className="mt-1 text-lg text-slate-700" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
            {otherName}
          </p>
        )}
        <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-600">{t("kind")}</dt>
            <dd className="font-medium">{tk(inst.kind)}</dd>
          </div>
          {website && (
            <div>
              <dt className="text-slate-600">{t("website")}</dt>
              <dd>
                <a
                  href={website}
                  rel="noopener noreferrer nofollow"
                  className="text-brand-700 break-all underline"
                >
                  {website}
                </a>
              </dd>
            </div>
          )}
        </dl>
        {description.text && (
          <p className="mt-4 max-w-3xl whitespace-pre-line text-slate-800" lang={description.lang}>
            {description.text}
          </p>
        )}
      </header>
      <section aria-labelledby="published">
        <h2 id="published" className="mb-1 text-xl font-semibold">
          {t("resources")}
        </h2>
        <p className="mb-4 text-slate-700">
          {inst.publishedResourceCount === 0
            ? t("resourcesNone")
            : t("resourcesCount", { count: inst.publishedResourceCount })}{" "}
          {found.total > found.hits.length &&
            t("showingNewest", { shown: found.hits.length, total: found.total })}
        </p>
        {found.hits.length > 0 && (
          <ul className="grid gap-4 md:grid-cols-2">
            {found.hits.map((hit) => (
              <li key={hit.id}>
                <ResourceCard hit={hit} levelLabels={levels} />
              </li>
            ))}
          </ul>
        )}
        {found.total > 0 && (
          <Link
            href={`/resources?institution=${encodeURIComponent(inst.slug)}`}
            className="text-brand-700 mt-4 inline-block underline"
          >
            {t("searchAll")}
          </Link>
        )}
      </section>
    </div>
  );
}
