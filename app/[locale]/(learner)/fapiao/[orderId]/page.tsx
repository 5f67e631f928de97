import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { fapiaoOfOrder } from "@/lib/commerce/fapiao";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { RequestFapiaoForm } from "./_components/request-form";

/** The buyer asks the sellers of a paid order for fapiao, one per seller. */
export default async function FapiaoPage({ params }: { params: Promise<{ orderId: string }> }) {
  const { orderId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) notFound();
  const viewer = await viewerOrSignIn(`/fapiao/${orderId}`);
  const { paid, sellers, asked } = await orNotFound(fapiaoOfOrder(viewer, orderId));
  const [t, locale] = await Promise.all([getTranslations("finance.fapiao"), getLocale()]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title")} · {orderId.slice(0, 8).toUpperCase()}
      </PageTitle>
      <p className="text-slate-700">{paid ? t("intro") : t("notPaid")}</p>
      {paid &&
        sellers.map((s) => {
          const done = asked.find((a) => a.sellerInstitutionId === s.id);
          return (
            <Card key={s.id}>
              <h2 className="mb-3 text-lg font-semibold">
                {t("seller", { name: locale === "zh-CN" ? s.nameZh : s.nameEn })}
              </h2>
              {done ? (
                <p>
                  {done.status === "issued"
                    ? t("status_issued", { number: done.invoiceNumber ?? "" })
                    : t("status_requested")}
                </p>
              ) : (
                <div className="max-w-md">
                  <RequestFapiaoForm
                    orderId={orderId}
                    sellerInstitutionId={s.id}
                    email={viewer.email}
                  />
                </div>
              )}
            </Card>
          );
        })}
    </div>
  );
}
