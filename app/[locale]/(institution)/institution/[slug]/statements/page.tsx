import { getLocale, getTranslations } from "next-intl/server";
import { StatementTable } from "@/components/finance/statement-table";
import { PeriodPicker } from "@/components/finance/period-picker";
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
  const [t, locale] = await Promise.all([getTranslations("finance.statements"), getLocale()]);
  const { institution, rows } = statement;
  const label = statement.period.label;
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      <Card>
        <PeriodPicker period={label} csvHref={`/${locale}/institution/${slug}/statements/csv`} />
        <StatementTable rows={rows} showMember={false} />
      </Card>
    </div>
  );
}
