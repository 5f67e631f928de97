import { getLocale, getTranslations } from "next-intl/server";
import { OrderList } from "@/components/commerce/order-list";
import { Card, PageTitle } from "@/components/ui/card";
import { listInstitutionPurchases } from "@/lib/commerce/queries";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";

/** Orders the institution placed (seats and site licences), for its finance staff. */
export default async function PurchasesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/purchases`);
  const { inst, orders } = await orNotFound(listInstitutionPurchases(viewer, slug));
  const [t, locale] = await Promise.all([getTranslations("orders"), getLocale()]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("purchasesTitle", { name: locale === "zh-CN" ? inst.nameZh : inst.nameEn })}
      </PageTitle>
      <Card>
        <OrderList orders={orders} />
      </Card>
    </div>
  );
}
