import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { StatementTable } from "@/components/finance/statement-table";
import { PeriodPicker } from "@/components/finance/period-picker";
import { Card, PageTitle } from "@/components/ui/card";
import { listAwaitingTransfer } from "@/lib/commerce/bank-transfers";
import { periodSchema } from "@/lib/commerce/finance-schemas";
import { listIncidents } from "@/lib/commerce/incidents";
import { getAllianceStatements } from "@/lib/commerce/statements";
import { now } from "@/lib/clock";
import { formatMoney } from "@/lib/format";
import { currencyMinorToDecimal } from "@/lib/money/minor-units";
import { requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { RecordTransferForm, ResolveIncidentForm, SettleForm } from "./_components/finance-forms";

export default async function OfficeFinancePage({
  searchParams,
}: {
  searchParams: Promise<{ period?: string | string[] }>;
}) {
  const viewer = await viewerOrSignIn("/admin/finance");
  requirePlatformPage(viewer, "payments:record_transfer");
  const period = periodSchema.safeParse((await searchParams).period).data;
  const [waiting, incidents, statements, t, format, locale] = await Promise.all([
    listAwaitingTransfer(viewer),
    listIncidents(viewer),
    getAllianceStatements(viewer, { period }),
    getTranslations("finance"),
    getFormatter(),
    getLocale(),
  ]);
  const label = statements.period.label;
  const over = statements.period.end <= now();
  return (
    <div className="space-y-8">
      <PageTitle>{t("office.title")}</PageTitle>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("office.transfersTitle")}</h2>
        {waiting.length === 0 ? (
          <p className="text-slate-700">{t("office.transfersEmpty")}</p>
        ) : (
          <ul className="grid gap-6 md:grid-cols-2">
            {waiting.map((o) => (
              <li key={o.orderId} className="rounded-md border border-slate-200 p-4">
                <p className="font-medium">
                  {(locale === "zh-CN" ? o.buyerNameZh : o.buyerNameEn) ?? o.placedByEmail} ·{" "}
                  {formatMoney(o.totalMinor, o.currency, locale)}
                </p>
                <p className="mb-3 text-sm text-slate-600">
                  {t("fields.orderId")} {o.orderId} ·{" "}
                  {t("office.transferDeadline", {
                    date: format.dateTime(o.holdExpiresAt, { dateStyle: "medium" }),
                  })}
                </p>
                <RecordTransferForm
                  orderId={o.orderId}
                  currency={o.currency}
                  amount={currencyMinorToDecimal(o.totalMinor, o.currency)}
                />
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("office.incidentsTitle")}</h2>
        {incidents.length === 0 ? (
          <p className="text-slate-700">{t("office.incidentsEmpty")}</p>
        ) : (
          <ul className="space-y-4">
            {incidents.map((i) => (
              <li key={i.id} className="rounded-md border border-slate-200 p-4">
                <p className="font-medium">{t(`office.kinds.${i.kind}`)}</p>
                <p className="mb-3 text-sm text-slate-600">
                  {format.dateTime(i.createdAt, { dateStyle: "medium", timeStyle: "short" })} ·{" "}
                  {i.provider}
                  {i.orderId && ` · ${t("fields.orderId")} ${i.orderId}`}
                  {i.paymentAmountMinor !== null &&
                    i.paymentCurrency &&
                    ` · ${formatMoney(i.paymentAmountMinor, i.paymentCurrency, locale)}`}
                </p>
                <div className="max-w-md">
                  <ResolveIncidentForm incidentId={i.id} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("office.statementsTitle")}</h2>
        <PeriodPicker period={label} csvHref={`/${locale}/admin/finance/statements/csv`} />
        <StatementTable
          rows={statements.rows}
          showMember
          action={{
            label: t("office.settle"),
            render: (r) =>
              r.settlementReference ? (
                t("office.settledRef", { reference: r.settlementReference })
              ) : over && r.bankMinor > 0 ? (
                <SettleForm institutionId={r.institutionId} period={label} currency={r.currency} />
              ) : (
                "—"
              ),
          }}
        />
      </Card>
    </div>
  );
}
