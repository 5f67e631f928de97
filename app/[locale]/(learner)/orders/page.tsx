import { getTranslations } from "next-intl/server";
import { OrderList } from "@/components/commerce/order-list";
import { Card, PageTitle } from "@/components/ui/card";
import { listMyOrders } from "@/lib/commerce/queries";
import { viewerOrSignIn } from "@/lib/page-guards";

/** The orders a person placed, newest first. */
export default async function MyOrdersPage() {
  const viewer = await viewerOrSignIn("/orders");
  const [rows, t] = await Promise.all([listMyOrders(viewer), getTranslations("orders")]);
  return (
    <div className="space-y-6">
      <PageTitle>{t("myOrders")}</PageTitle>
      <Card>
        <OrderList orders={rows} />
      </Card>
    </div>
  );
}
