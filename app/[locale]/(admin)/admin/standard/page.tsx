import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { getCreditStandard } from "@/lib/standard/queries";

export default async function StandardPage() {
  const viewer = await viewerOrSignIn("/admin/standard");
  requirePlatformPage(viewer, "standard:edit");
  const { standard, levels, fields } = await getCreditStandard();
  const [t, format, locale] = await Promise.all([
    getTranslations("office"),
    getFormatter(),
    getLocale(),
  ]);
  const zh = locale === "zh-CN";
  return (
    <div className="space-y-6">
      <PageTitle>{t("standardTitle")}</PageTitle>
      <Card>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
          <dt className="text-slate-700">{t("hoursPerCredit")}</dt>
          <dd>{format.number(standard.hoursPerCredit)}</dd>
          <dt className="text-slate-700">{t("currency")}</dt>
          <dd>{standard.currency}</dd>
          <dt className="text-slate-700">{t("fee")}</dt>
          <dd>
            {format.number(standard.allianceFeeBp / 10000, {
              style: "percent",
              maximumFractionDigits: 2,
            })}
          </dd>
          <dt className="text-slate-700">{t("timeZone")}</dt>
          <dd>{standard.timeZone}</dd>
          <dt className="text-slate-700">{t("validity")}</dt>
          <dd>
            {standard.creditValidityYears
              ? t("validityYears", { years: standard.creditValidityYears })
              : t("validityNone")}
          </dd>
        </dl>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("levels")}</h2>
        <ol className="space-y-1">
          {levels.map((l) => (
            <li key={l.level}>{zh ? l.labelZh : l.labelEn}</li>
          ))}
        </ol>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("fieldsOfStudy")}</h2>
        <ul className="columns-1 space-y-1 text-sm sm:columns-2">
          {fields.map((f) => (
            <li key={f.code} className={f.parentCode ? "pl-6" : "font-semibold"}>
              <span className="font-mono">{f.code}</span> {zh ? f.nameZh : f.nameEn}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
