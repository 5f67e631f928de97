import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { RowActionForm } from "@/components/licences/row-action-form";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { listDomains } from "@/lib/licences/queries";
import { removeDomainAction } from "@/lib/licences/actions";
import { AddDomainForm } from "./_components/add-domain-form";

/** The owner's mail domains: learners there join the institution's site licences once confirmed. */
export default async function DomainsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/domains`);
  const { institution, domains } = await orNotFound(listDomains(viewer, slug));
  const [t, locale] = await Promise.all([getTranslations("licences.domains"), getLocale()]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title")} · {locale === "zh-CN" ? institution.nameZh : institution.nameEn}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      <Card>
        {domains.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("domain")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("state")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {domains.map((d) => (
                  <tr key={d.id} className="border-b border-slate-100">
                    <td className="py-2 pr-4">{d.domain}</td>
                    <td className="py-2 pr-4">{d.confirmedAt ? t("confirmed") : t("waiting")}</td>
                    <td className="py-2 pr-4">
                      <RowActionForm
                        action={removeDomainAction}
                        fields={{ institutionSlug: slug, domainId: d.id }}
                        label={t("remove", { domain: d.domain })}
                        confirm={t("removeConfirm", { domain: d.domain })}
                        done={t("removed")}
                        variant="danger"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("addTitle")}</h2>
        <AddDomainForm slug={slug} />
      </Card>
    </div>
  );
}
