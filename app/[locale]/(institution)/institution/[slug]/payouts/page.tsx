import { getLocale, getTranslations } from "next-intl/server";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { connectStatus } from "@/lib/payments/connect";
import { OnboardForm } from "./_components/onboard-form";

/** Stripe Connect status for the institution's owner and finance staff (payouts:onboard). */
export default async function PayoutsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { slug } = await params;
  const query = await searchParams;
  const viewer = await viewerOrSignIn(`/institution/${slug}/payouts`);
  const { institution, status } = await orNotFound(connectStatus(viewer, slug));
  const [t, locale] = await Promise.all([getTranslations("payments"), getLocale()]);
  const yesNo = (v: boolean) => (v ? t("yes") : t("no"));
  const facts: [string, string][] = [
    [t("account"), status.accountId ?? t("none")],
    [t("chargesEnabled"), yesNo(status.chargesEnabled)],
    [t("payoutsEnabled"), yesNo(status.payoutsEnabled)],
    [t("detailsSubmitted"), yesNo(status.detailsSubmitted)],
  ];
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title")} · {locale === "zh-CN" ? institution.nameZh : institution.nameEn}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      {status.mode === "sandbox" ? (
        <Notice>{t("sandbox")}</Notice>
      ) : (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("statusTitle")}</h2>
          {query.returned && <Notice>{t("returned")}</Notice>}
          {query.refresh && <Notice>{t("refresh")}</Notice>}
          <p className="my-3 font-medium">
            {status.onboarded ? t("onboarded") : t("notOnboarded")}
          </p>
          <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            {facts.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="text-slate-600">{k}</dt>
                <dd className="font-mono">{v}</dd>
              </div>
            ))}
          </dl>
          {!status.onboarded && <OnboardForm slug={slug} resume={status.accountId !== null} />}
          {status.onboarded && <p className="text-sm text-slate-700">{t("paidByStripe")}</p>}
        </Card>
      )}
    </div>
  );
}
