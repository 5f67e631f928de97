import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { viewerOrSignIn } from "@/lib/page-guards";
import { listMyApplications } from "@/lib/institutions/queries";
import { listMyEnrolments } from "@/lib/commerce/queries";
import { formatCredits } from "@/lib/format";
import { ResendVerificationForm } from "./_components/resend-form";

export default async function LearnPage() {
  const viewer = await viewerOrSignIn("/learn");
  const [t, tr, tm, tl, locale, applications, enrolled] = await Promise.all([
    getTranslations("learn"),
    getTranslations("roles"),
    getTranslations("myLearning"),
    getTranslations("ledger"),
    getLocale(),
    listMyApplications(viewer),
    listMyEnrolments(viewer),
  ]);
  const name = (x: { nameZh: string; nameEn: string }) =>
    locale === "zh-CN" ? x.nameZh : x.nameEn;
  return (
    <div className="space-y-6">
      <PageTitle>{t("welcome", { name: viewer.name })}</PageTitle>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{tm("title")}</h2>
        {enrolled.length === 0 ? (
          <p className="text-slate-700">{tm("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={tm("title")}>
            {enrolled.map((e) => (
              <li key={e.id} className="py-2">
                <Link href={`/resources/${e.slug}`} className="text-brand-700 underline">
                  {locale === "zh-CN" ? e.titleZh : e.titleEn}
                </Link>
                <span className="block text-sm text-slate-700">
                  {tm(`status_${e.status}`)} · {tm(`source_${e.source}`)} ·{" "}
                  {tm("credits", { credits: formatCredits(e.creditsX100, locale) })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-4 flex flex-wrap gap-4">
          <Link href="/orders" className="text-brand-700 underline">
            {tm("orders")}
          </Link>
          <Link href="/cart" className="text-brand-700 underline">
            {tm("cart")}
          </Link>
          <Link href="/site-licences" className="text-brand-700 underline">
            {tm("siteLicences")}
          </Link>
          <Link href="/learn/credits" className="text-brand-700 underline">
            {tl("creditsLink")}
          </Link>
          <Link href="/learn/transcript" className="text-brand-700 underline">
            {tl("transcriptLink")}
          </Link>
        </p>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("account")}</h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
          <dt className="text-slate-700">{t("emailStatus")}</dt>
          <dd>
            {viewer.email} · {viewer.emailVerified ? t("verified") : t("unverified")}
          </dd>
        </dl>
        {!viewer.emailVerified && (
          <div className="mt-4">
            <Notice>{t("unverifiedNote")}</Notice>
            <ResendVerificationForm />
          </div>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("myInstitutions")}</h2>
        {viewer.memberships.length === 0 ? (
          <p className="text-slate-700">{t("noInstitutions")}</p>
        ) : (
          <ul className="space-y-2">
            {viewer.memberships.map((m) => (
              <li key={m.institutionId}>
                <Link href={`/institution/${m.slug}`} className="text-brand-700 underline">
                  {name(m)}
                </Link>{" "}
                <span className="text-slate-700">({m.roles.map((r) => tr(r)).join(", ")})</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("myApplications")}</h2>
        {applications.length > 0 && (
          <ul className="mb-4 space-y-2">
            {applications.map((a) => (
              <li key={a.id}>
                <span className="font-medium">{name(a)}</span> — {t(`status_${a.status}`)}
                {a.reason && (
                  <span className="block text-sm text-slate-700">
                    {t("reason", { reason: a.reason })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        <Link href="/learn/apply" className="text-brand-700 underline">
          {t("applyLink")}
        </Link>
      </Card>
    </div>
  );
}
