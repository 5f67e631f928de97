import { getLocale, getTranslations } from "next-intl/server";
import { StatementTable } from "@/components/finance/statement-table";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { periodSchema } from "@/lib/commerce/finance-schemas";
import { getInstitutionStatement } from "@/lib/commerce/statements";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";

export default async function StatementsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ period?: string | string[] }>;
}) {
  const { slug } = await params;
  const asked = (await searchParams).period;
  const viewer = await viewerOrSignIn(`/institution/${slug}/statements`);
  // A malformed month in the URL shows the current month rather than an error page.
  const period = periodSchema.safeParse(asked).data;
  const statement = await orNotFound(
    getInstitutionStatement(viewer, { institutionSlug: slug, period }),
  );
  const [t, tf, locale] = await Promise.all([
    getTranslations("finance.statements"),
    getTranslations("finance.fields"),
    getLocale(),
  ]);
  const { institution, rows } = statement;
  const label = statement.period.label;
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="statement-period" className="block text-sm font-medium text-slate-800">
              {tf("period")}
            </label>
            <input
              id="statement-period"
              type="month"
              name="period"
              defaultValue={label}
              className="mt-1 rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
            />
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            {t("show")}
          </button>
          <a
            href={`/${locale}/institution/${slug}/statements/csv?period=${label}`}
            className={buttonClass("link")}
          >
            {t("csv")} ({label})
          </a>
        </form>
        <StatementTable rows={rows} showMember={false} />
      </Card>
    </div>
  );
}
