import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { listSales, type SaleLine } from "@/lib/commerce/sales-queries";
import { formatMoney } from "@/lib/format";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { RefundForm } from "@/components/finance/refund-form";

/** What the refund form may offer for a line (the service decides again when asked). */
function refundable(l: SaleLine): { seats: number | null } | null {
  if (l.state !== "fulfilled" || l.amountMinor - l.refundedMinor <= 0) return null;
  if (l.offerKind === "seat") return l.unusedSeats > 0 ? { seats: l.unusedSeats } : null;
  if (l.enrolmentStatus === "completed") return null;
  return { seats: null };
}

export default async function SalesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/sales`);
  const { institution, lines, canRefund } = await orNotFound(listSales(viewer, slug));
  const [t, format, locale] = await Promise.all([
    getTranslations("finance"),
    getFormatter(),
    getLocale(),
  ]);
  const name = locale === "zh-CN" ? institution.nameZh : institution.nameEn;
  return (
    <div className="space-y-6">
      <PageTitle>{t("sales.title", { name })}</PageTitle>
      <p className="text-slate-700">{t("sales.intro")}</p>
      <Card>
        {lines.length === 0 ? (
          <p className="text-slate-700">{t("sales.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("sales.line")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("sales.buyer")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("sales.amount")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("sales.state")}
                  </th>
                  {canRefund && (
                    <th scope="col" className="py-2 pr-4">
                      {t("sales.refund")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {lines.map((l) => {
                  const can = refundable(l);
                  return (
                    <tr key={l.lineId} className="border-b border-slate-100 align-top">
                      <th scope="row" className="py-2 pr-4 font-normal">
                        <span className="block font-medium">
                          {locale === "zh-CN" ? l.titleZh : l.titleEn}
                        </span>
                        <span className="block text-slate-600">
                          {t(`kinds.${l.offerKind}`)} × {l.quantity} · {t("sales.order")}{" "}
                          {l.orderId.slice(0, 8).toUpperCase()} ·{" "}
                          {format.dateTime(l.placedAt, { dateStyle: "medium" })}
                        </span>
                      </th>
                      <td className="py-2 pr-4">
                        {(locale === "zh-CN" ? l.buyerNameZh : l.buyerNameEn) ?? l.buyerEmail}
                        {l.buyerNameEn && (
                          <span className="block text-slate-600">{l.buyerEmail}</span>
                        )}
                      </td>
                      <td className="py-2 pr-4 whitespace-nowrap tabular-nums">
                        {formatMoney(l.amountMinor, l.currency, locale)}
                        {l.refundedMinor > 0 && (
                          <span className="block text-slate-600">
                            {t("sales.refunded", {
                              amount: formatMoney(l.refundedMinor, l.currency, locale),
                            })}
                          </span>
                        )}
                      </td>
                      <td className="py-2 pr-4">
                        {t(`lineStates.${l.state as "fulfilled"}`)}
                        {l.offerKind === "seat" && l.state === "fulfilled" && (
                          <span className="block text-slate-600">
                            {t("sales.unusedSeats", { count: l.unusedSeats })}
                          </span>
                        )}
                        {l.enrolmentStatus === "completed" && (
                          <span className="block text-slate-600">{t("sales.completed")}</span>
                        )}
                      </td>
                      {canRefund && (
                        <td className="py-2 pr-4">
                          {can ? (
                            <RefundForm
                              slug={slug}
                              lineId={l.lineId}
                              currency={l.currency}
                              unusedSeats={can.seats}
                            />
                          ) : (
                            t("sales.notRefundable")
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
