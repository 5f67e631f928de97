import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { listMyOrders } from "@/lib/commerce/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

type Row = Awaited<ReturnType<typeof listMyOrders>>[number];

/** Orders, newest first: what was bought, when, their state and total; each opens its page. */
export async function OrderList({ orders }: { orders: Row[] }) {
  const [t, locale, timeZone] = await Promise.all([
    getTranslations("orders"),
    getLocale(),
    getAllianceTimeZone(),
  ]);
  if (orders.length === 0) return <p>{t("none")}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {orders.map((o) => (
        <li key={o.id} className="flex flex-wrap justify-between gap-3 py-3">
          <span>
            <Link href={`/orders/${o.id}`} className="text-brand-700 underline">
              {o.lines
                .map((l) => `${locale === "zh-CN" ? l.titleZh : l.titleEn} × ${l.quantity}`)
                .join(", ")}
            </Link>
            <span className="block text-sm text-slate-600">
              {formatDate(o.createdAt, locale, timeZone)} · {t(`status_${o.status}`)} ·{" "}
              {t(`route_${o.route}`)}
            </span>
          </span>
          <span className="font-medium">{formatMoney(o.totalMinor, o.currency, locale)}</span>
        </li>
      ))}
    </ul>
  );
}
