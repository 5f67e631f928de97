import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { RowActionForm } from "@/components/licences/row-action-form";
import { orNotFound, requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { listPendingDomains } from "@/lib/licences/queries";
import { decideDomainAction } from "@/lib/licences/actions";

/** The alliance admin confirms the mail domains institutions listed (or rejects them). */
export default async function DomainsToConfirmPage() {
  const viewer = await viewerOrSignIn("/admin/domains");
  requirePlatformPage(viewer, "domains:confirm");
  const pending = await orNotFound(listPendingDomains(viewer));
  const [t, format] = await Promise.all([getTranslations("licences.office"), getFormatter()]);
  return (
    <div className="space-y-4">
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      {pending.length === 0 && <p>{t("none")}</p>}
      {pending.map((d) => (
        <Card key={d.id}>
          <h2 className="text-lg font-semibold">{d.domain}</h2>
          <p className="text-sm text-slate-700">
            <span lang="zh-CN">{d.nameZh}</span> · <span lang="en">{d.nameEn}</span> · {d.slug}
          </p>
          <p className="mb-3 text-sm text-slate-700">
            {t("listedBy", {
              email: d.addedBy ?? "—",
              date: format.dateTime(d.createdAt, { dateStyle: "medium" }),
            })}
          </p>
          <div className="flex flex-wrap gap-4">
            <RowActionForm
              action={decideDomainAction}
              fields={{ domainId: d.id, decision: "confirm" }}
              label={t("confirm", { domain: d.domain })}
              done={t("decided")}
              variant="primary"
            />
            <RowActionForm
              action={decideDomainAction}
              fields={{ domainId: d.id, decision: "reject" }}
              label={t("reject", { domain: d.domain })}
              confirm={t("rejectConfirm", { domain: d.domain })}
              done={t("decided")}
              variant="danger"
            />
          </div>
        </Card>
      ))}
    </div>
  );
}
