import { getLocale, getTranslations } from "next-intl/server";
import { Link, getPathname } from "@/i18n/navigation";
import { buttonClass } from "@/components/ui/button";
import { listFeatured } from "@/lib/catalogue/queries";
import { listStandardLabels } from "@/lib/standard/queries";
import { listMemberInstitutions } from "@/lib/institutions/queries";
import { searchCatalogue } from "@/lib/search";
import { levelLabelMap } from "./_components/resource-card";
import { ResourceSection } from "./_components/resource-section";

export default async function HomePage() {
  const [t, tk, tc, locale, members, featured, newest, labels] = await Promise.all([
    getTranslations("home"),
    getTranslations("kinds"),
    getTranslations("catalogue.home"),
    getLocale(),
    listMemberInstitutions(),
    listFeatured(6),
    searchCatalogue({ sort: "newest", pageSize: 6 }),
    listStandardLabels(),
  ]);
  const levels = levelLabelMap(labels.levels, locale);
  return (
    <div className="space-y-12">
      <section className="bg-brand-800 rounded-xl px-6 py-12 text-white sm:px-10">
        <h1 className="max-w-3xl text-3xl font-bold tracking-tight sm:text-4xl">
          {t("heroTitle")}
        </h1>
        <p className="mt-4 max-w-3xl text-lg text-blue-50">{t("heroBody")}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className={buttonClass("secondary")}>
            {t("ctaSignUp")}
          </Link>
          <Link
            href="/institutions"
            className="hover:bg-brand-700 inline-flex min-h-10 items-center rounded-md border border-white px-4 py-2 text-sm font-medium text-white"
          >
            {t("ctaInstitutions")}
          </Link>
        </div>
      </section>
      <section
        aria-labelledby="home-search"
        className="rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2 id="home-search" className="mb-3 text-xl font-semibold">
          {tc("searchTitle")}
        </h2>
        <form
          method="get"
          action={getPathname({ href: "/resources", locale })}
          role="search"
          aria-labelledby="home-search"
          className="flex flex-col gap-3 sm:flex-row sm:items-end"
        >
          <div className="flex-1">
            <label htmlFor="home-q" className="block text-sm font-medium text-slate-800">
              {tc("searchLabel")}
            </label>
            <input
              id="home-q"
              name="q"
              type="search"
              maxLength={200}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900"
            />
          </div>
          <button type="submit" className={buttonClass("primary")}>
            {tc("searchButton")}
          </button>
        </form>
        <Link href="/resources" className="text-brand-700 mt-3 inline-block text-sm underline">
          {tc("browseAll")}
        </Link>
      </section>
      {featured.length > 0 && (
        <ResourceSection id="featured" title={tc("featured")} hits={featured} levels={levels} />
      )}
      <ResourceSection
        id="newest"
        title={tc("newest")}
        hits={newest.hits}
        levels={levels}
        empty={tc("noneYet")}
        more={newest.total > newest.hits.length ? tc("seeAll") : undefined}
      />
      <section aria-labelledby="steps">
        <h2 id="steps" className="mb-4 text-xl font-semibold">
          {t("stepsTitle")}
        </h2>
        <ol className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {(["step1", "step2", "step3", "step4"] as const).map((k, i) => (
            <li key={k} className="rounded-lg border border-slate-200 bg-white p-4">
              <span className="text-brand-700 text-2xl font-bold" aria-hidden="true">
                {i + 1}
              </span>
              <p className="mt-2 text-slate-800">{t(k)}</p>
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="members">
        <h2 id="members" className="mb-1 text-xl font-semibold">
          {t("membersTitle")}
        </h2>
        <p className="mb-4 text-slate-700">{t("membersCount", { count: members.length })}</p>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {members.map((m) => (
            <li key={m.slug} className="rounded-lg border border-slate-200 bg-white p-4">
              <p className="font-medium">
                <Link
                  href={`/institutions/${m.slug}`}
                  className="text-brand-700 hover:text-brand-800 underline"
                >
                  {locale === "zh-CN" ? m.nameZh : m.nameEn}
                </Link>
              </p>
              <p className="text-sm text-slate-600">
                {locale === "zh-CN" ? m.nameEn : m.nameZh} · {tk(m.kind)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section
        aria-labelledby="for-institutions"
        className="rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2 id="for-institutions" className="text-xl font-semibold">
          {t("forInstitutionsTitle")}
        </h2>
        <p className="mt-2 text-slate-800">{t("forInstitutionsBody")}</p>
        <Link href="/learn/apply" className={buttonClass("primary", "mt-4")}>
          {t("apply")}
        </Link>
      </section>
    </div>
  );
}
