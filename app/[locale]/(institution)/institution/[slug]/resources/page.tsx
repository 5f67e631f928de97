import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { listInstitutionResources } from "@/lib/catalogue/staff-queries";
import { StatusBadge } from "./_components/status-badge";

// GET /institution/[slug]/resources – the institution's resources, for its editors
export default async function ResourcesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/resources`);
  const { institution, resources } = await orNotFound(listInstitutionResources(viewer, slug));
  const [t, format, locale] = await Promise.all([
    getTranslations("publishing"),
    getFormatter(),
    getLocale(),
  ]);
  const zh = locale === "zh-CN";
  const title = (r: { titleZh: string; titleEn: string }) =>
    (zh ? r.titleZh || r.titleEn : r.titleEn || r.titleZh) || t("untitled");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageTitle>
          {t("listTitle", { name: zh ? institution.nameZh : institution.nameEn })}
        </PageTitle>
        <div className="flex flex-wrap gap-2">
          <Link href={`/institution/${slug}/resources/import`} className={buttonClass("secondary")}>
            {(await getTranslations("importUi"))("link")}
          </Link>
          <Link href={`/institution/${slug}/resources/new`} className={buttonClass("primary")}>
            {t("newResource")}
          </Link>
        </div>
      </div>
      <Card>
        {resources.length === 0 ? (
          <p>{t("noResources")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("colResource")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colKind")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colStatus")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colLive")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colPending")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("colUpdated")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {resources.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4">
                      <Link
                        href={`/institution/${slug}/resources/${r.id}`}
                        className="text-brand-700 font-medium underline"
                      >
                        {title(r)}
                      </Link>
                      <div className="text-xs text-slate-600">{r.slug}</div>
                    </td>
                    <td className="py-2 pr-4">{t(`kinds.${r.kind}`)}</td>
                    <td className="py-2 pr-4">
                      <StatusBadge status={r.status}>{t(`status.${r.status}`)}</StatusBadge>
                    </td>
                    <td className="py-2 pr-4">
                      {r.live && r.status === "published" ? (
                        <Link href={`/resources/${r.slug}`} className="text-brand-700 underline">
                          {t("versionN", { version: r.live.version })}
                        </Link>
                      ) : r.live ? (
                        t("versionN", { version: r.live.version })
                      ) : (
                        <span className="text-slate-600">{t("notLive")}</span>
                      )}
                    </td>
                    <td className="max-w-xs py-2 pr-4">
                      {r.pending && (
                        <>
                          {t("versionN", { version: r.pending.version })}{" "}
                          <StatusBadge status={r.pending.state}>
                            {t(`versionState.${r.pending.state}`)}
                          </StatusBadge>
                          {r.pending.reviewReason && (
                            <p className="mt-1 whitespace-pre-line text-orange-900">
                              {t("reviewNote", { reason: r.pending.reviewReason })}
                            </p>
                          )}
                        </>
                      )}
                      {r.rejected && (
                        <p className="whitespace-pre-line text-red-900">
                          {r.rejected.reviewReason
                            ? t("rejectedNote", {
                                version: r.rejected.version,
                                reason: r.rejected.reviewReason,
                              })
                            : t("rejectedNoReason", { version: r.rejected.version })}
                        </p>
                      )}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {format.dateTime(r.updatedAt, { dateStyle: "medium", timeStyle: "short" })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
