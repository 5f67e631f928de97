import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { getOrderForViewer } from "@/lib/commerce/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { viewerOrSignIn } from "@/lib/page-guards";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { canOnPlatform } from "@/lib/auth/permissions";
import { RefundForm } from "@/components/finance/refund-form";
import { PayForm } from "./_components/pay-form";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ paid?: string; cancelled?: string }>;
};

/**
 * One order and what became of it. The processor's success and cancel pages land here, and it
 * only shows the state: fulfilment happens when the payment is confirmed, never on this page.
 */
export default async function OrderPage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const viewer = await viewerOrSignIn(`/orders/${id}`);
  const [view, t, locale, timeZone] = await Promise.all([
    getOrderForViewer(viewer, id),
    getTranslations("orders"),
    getLocale(),
    getAllianceTimeZone(),
  ]);
  if (!view) notFound();
  const { order, lines, refunds, buyer } = view;
  const money = (m: number) => formatMoney(m, order.currency, locale);
  const waiting = order.status === "pending";
  const officeRefunds = canOnPlatform(viewer, "orders:refund_any");
  return (
    <div className="space-y-6">
      <PageTitle>{t("orderTitle", { ref: order.id.slice(0, 8).toUpperCase() })}</PageTitle>
      {sp.paid && waiting && <Notice>{t("waitingForConfirmation")}</Notice>}
      {sp.cancelled && waiting && <Notice>{t("cancelledAtProcessor")}</Notice>}
      <Card>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-700">{t("status")}</dt>
          <dd className="font-semibold" data-testid="order-status">
            {t(`status_${order.status}`)}
          </dd>
          <dt className="text-slate-700">{t("buyer")}</dt>
          <dd>{buyer ? (locale === "zh-CN" ? buyer.nameZh : buyer.nameEn) : t("buyerSelf")}</dd>
          <dt className="text-slate-700">{t("placed")}</dt>
          <dd>{formatDate(order.createdAt, locale, timeZone)}</dd>
          <dt className="text-slate-700">{t("total")}</dt>
          <dd>{money(order.totalMinor)}</dd>
          <dt className="text-slate-700">{t("payment")}</dt>
          <dd>{t(`route_${order.route}`)}</dd>
        </dl>
        {waiting && order.route === "checkout" && (
          <div className="mt-4">
            <PayForm orderId={order.id} />
          </div>
        )}
        {waiting && order.route === "bank_transfer" && (
          <p className="mt-4 text-slate-700">
            {t("bankTransferNote", { date: formatDate(order.holdExpiresAt, locale, timeZone) })}
          </p>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("lines")}</h2>
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-2 pr-2">{t("item")}</th>
              <th className="py-2 pr-2">{t("quantity")}</th>
              <th className="py-2 pr-2">{t("amount")}</th>
              <th className="py-2">{t("lineState")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-b border-slate-100">
                <td className="py-2 pr-2">
                  <Link href={`/resources/${l.slug}`} className="text-brand-700 underline">
                    {locale === "zh-CN" ? l.titleZh : l.titleEn}
                  </Link>
                  <span className="block text-slate-600">{t(`kind_${l.offerKind}`)}</span>
                </td>
                <td className="py-2 pr-2">{l.quantity}</td>
                <td className="py-2 pr-2">{money(l.amountMinor)}</td>
                <td className="py-2">
                  {t(`line_${l.state}`)}
                  {l.refundedMinor > 0 && (
                    <span className="block text-slate-600">
                      {t("refunded", { amount: money(l.refundedMinor) })}
                    </span>
                  )}
                  {officeRefunds && l.state === "fulfilled" && (
                    <RefundForm
                      slug={null}
                      lineId={l.id}
                      currency={order.currency}
                      unusedSeats={l.offerKind === "seat" ? l.places : null}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {order.status === "paid" && (
          <p className="mt-4 flex flex-wrap gap-4">
            {lines.some((l) => l.offerKind === "learner") && (
              <Link href="/learn" className="text-brand-700 underline">
                {t("toMyLearning")}
              </Link>
            )}
            {order.totalMinor > 0 && (
              <Link href={`/fapiao/${order.id}`} className="text-brand-700 underline">
                {t("requestFapiao")}
              </Link>
            )}
          </p>
        )}
      </Card>
      {refunds.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("refunds")}</h2>
          <ul className="space-y-1">
            {refunds.map((r) => (
              <li key={r.id}>
                {money(r.amountMinor)} · {t(`refund_${r.status}`)}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
