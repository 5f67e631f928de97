import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { listAudit } from "@/lib/admin/queries";

export default async function AuditPage() {
  const viewer = await viewerOrSignIn("/admin/audit");
  const rows = await orNotFound(listAudit(viewer));
  const [t, format] = await Promise.all([getTranslations("office"), getFormatter()]);
  return (
    <div>
      <PageTitle>{t("auditTitle")}</PageTitle>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-3">
                  {t("when")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("who")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("action")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("target")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 align-top">
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {format.dateTime(r.createdAt, { dateStyle: "short", timeStyle: "medium" })}
                  </td>
                  <td className="py-2 pr-3">{r.actorEmail ?? "—"}</td>
                  <td className="py-2 pr-3 font-mono">{r.action}</td>
                  <td className="py-2 pr-3">{r.institutionSlug ?? r.targetType}</td>
                  <td className="py-2 pr-3 font-mono text-xs break-all">
                    {JSON.stringify(r.before)} → {JSON.stringify(r.after)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
