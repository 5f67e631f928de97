import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { listFapiaoQueue } from "@/lib/commerce/fapiao";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { IssueFapiaoForm } from "./_components/issue-form";

export default async function InvoicesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/invoices`);
  const { institution, requests } = await orNotFound(listFapiaoQueue(viewer, slug));
  const [t, tf, format, locale] = await Promise.all([
    getTranslations("finance.invoices"),
    getTranslations("finance.fields"),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      {requests.length === 0 ? (
        <Card>
          <p className="text-slate-700">{t("empty")}</p>
        </Card>
      ) : (
        <ul className="space-y-4">
          {requests.map((r) => (
            <li key={r.id}>
              <Card>
                <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
                  <dt className="text-slate-600">{tf("orderId")}</dt>
                  <dd>
                    {r.orderId.slice(0, 8).toUpperCase()} ·{" "}
                    {format.dateTime(r.createdAt, { dateStyle: "medium" })}
                  </dd>
                  <dt className="text-slate-600">{tf("title")}</dt>
                  <dd>{r.title}</dd>
                  <dt className="text-slate-600">{tf("taxpayerId")}</dt>
                  <dd className="font-mono">{r.taxpayerId}</dd>
                  <dt className="text-slate-600">{tf("email")}</dt>
                  <dd>{r.email}</dd>
                </dl>
                <p className="mt-3 font-medium">
                  {r.status === "issued"
                    ? `${t("issued")} · ${t("number", { number: r.invoiceNumber ?? "" })}`
                    : t("requested")}
                </p>
                {r.status === "requested" && (
                  <div className="mt-3 max-w-sm">
                    <IssueFapiaoForm slug={slug} requestId={r.id} />
                  </div>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
