import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { listInstitutionPurchases } from "@/lib/commerce/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

/** Orders the institution placed (seats and site licences), for its finance staff. */
export default async function PurchasesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/purchases`);
  const { inst, orders } = await orNotFound(listInstitutionPurchases(viewer, slug));
  const [t, locale, timeZone] = await Promise.all([
    getTranslations("orders"),
    getLocale(),
    getAllianceTimeZone(),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("purchasesTitle", { name: locale === "zh-CN" ? inst.nameZh : inst.nameEn })}
      </PageTitle>
      <Card>
        {orders.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
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
        )}
      </Card>
    </div>
  );
}
