import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Link, getPathname } from "@/i18n/navigation";
import { Notice, PageTitle } from "@/components/ui/card";
import { listStandardLabels } from "@/lib/standard/queries";
import { listMemberInstitutions } from "@/lib/institutions/queries";
import { levelLabelMap, ResourceCard } from "../_components/resource-card";
import { FacetList } from "./_components/facet-list";
import { Pagination } from "./_components/pagination";
import { SearchForm } from "./_components/search-form";
import {
  readParams,
  resourcesHref,
  searchWithParams,
  type ParamKey,
} from "./_components/search-params";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalogue.search");
  return { title: t("metaTitle") };
}

// GET /resources?… – the public catalogue search; the address is the whole state of the search.
export default async function ResourcesPage({ searchParams }: Props) {
  const [locale, raw] = await Promise.all([getLocale(), searchParams]);
  const [search, labels, members, t, format] = await Promise.all([
    searchWithParams(readParams(raw)),
    listStandardLabels(),
    listMemberInstitutions(),
    getTranslations("catalogue"),
    getFormatter(),
  ]);
  const { result, params, ignored } = search;
  const zh = locale === "zh-CN";
  const levels = levelLabelMap(labels.levels, locale);
  const institutions = members.map((m) => ({ slug: m.slug, name: zh ? m.nameZh : m.nameEn }));
  const fieldNames = new Map(
    labels.fields.flatMap((b) => [b, ...b.narrow]).map((f) => [f.code, zh ? f.nameZh : f.nameEn]),
  );
  const institutionNames = new Map(institutions.map((i) => [i.slug, i.name]));

  const labelOf = (param: ParamKey, value: string): string => {
    const known = (key: string) => (t.has(key) ? t(key) : value);
    switch (param) {
      case "kind":
        return known(`kinds.${value}`);
      case "delivery":
        return known(`delivery.${value}`);
      case "language":
        return known(`languages.${value}`);
      case "free":
        return known(
          `search.freeValue.${value === "1" ? "true" : value === "0" ? "false" : value}`,
        );
      case "field":
        return fieldNames.get(value) ?? value;
      case "level":
        return levels.get(Number(value)) ?? value;
      case "institution":
        return institutionNames.get(value) ?? value;
      default:
        return value;
    }
  };

  const pageCount = Math.ceil(result.total / result.pageSize);
  return (
    <div>
      <PageTitle>{t("search.title")}</PageTitle>
      <p className="mb-6 max-w-3xl text-slate-700">{t("search.intro")}</p>
      {ignored.length > 0 && (
        <div className="mb-6">
          <Notice tone="error">
            {t("search.ignored", {
              fields: format.list(ignored.map((k) => `“${t(`params.${k}`)}”`)),
            })}
          </Notice>
        </div>
      )}
      <div className="grid gap-8 lg:grid-cols-[20rem_1fr]">
        <aside className="space-y-8">
          <SearchForm
            action={getPathname({ href: "/resources", locale })}
            params={params}
            labels={labels}
            institutions={institutions}
            locale={locale}
          />
          <FacetList facets={result.facets} params={params} labelOf={labelOf} />
        </aside>
        <section aria-labelledby="results-title">
          <h2 id="results-title" className="mb-4 text-xl font-semibold">
            {result.total === 0
              ? t("search.totalNone")
              : t("search.total", { count: result.total })}
          </h2>
          {result.total === 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <p>{t("search.noResults")}</p>
              <Link href="/resources" className="text-brand-700 mt-2 inline-block underline">
                {t("search.clear")}
              </Link>
            </div>
          ) : result.hits.length === 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-6">
              <p>{t("search.pastLastPage")}</p>
              <Link
                href={resourcesHref(params)}
                className="text-brand-700 mt-2 inline-block underline"
              >
                {t("search.firstPage")}
              </Link>
            </div>
          ) : (
            <>
              {pageCount > 1 && (
                <p className="mb-3 text-sm text-slate-600">
                  {t("search.pageOf", { page: result.page, pages: pageCount })}
                </p>
              )}
              <ul className="space-y-4">
                {result.hits.map((hit) => (
                  <li key={hit.id}>
                    <ResourceCard hit={hit} levelLabels={levels} />
                  </li>
                ))}
              </ul>
            </>
          )}
          <Pagination
            params={params}
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
          />
        </section>
      </div>
    </div>
  );
}
