import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { listMyOrders } from "@/lib/commerce/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { viewerOrSignIn } from "@/lib/page-guards";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

/** The orders a person placed, newest first. */
export default async function MyOrdersPage() {
  const viewer = await viewerOrSignIn("/orders");
  const [rows, t, locale, timeZone] = await Promise.all([
    listMyOrders(viewer),
    getTranslations("orders"),
    getLocale(),
    getAllianceTimeZone(),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle>{t("myOrders")}</PageTitle>
      <Card>
        {rows.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rows.map((o) => (
              <li key={o.id} className="flex flex-wrap justify-between gap-3 py-3">
                <span>
                  <Link href={`/orders/${o.id}`} className="text-brand-700 underline">
                    {o.lines.map((l) => (locale === "zh-CN" ? l.titleZh : l.titleEn)).join(", ")}
                  </Link>
                  <span className="block text-sm text-slate-600">
                    {formatDate(o.createdAt, locale, timeZone)} · {t(`status_${o.status}`)}
                  </span>
                </span>
                <span className="font-medium">{formatMoney(o.totalMinor, o.currency, locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
