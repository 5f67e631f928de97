import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { listApplications } from "@/lib/institutions/queries";
import { DecideForm } from "./_components/decide-form";

export default async function ApplicationsPage() {
  const viewer = await viewerOrSignIn("/admin/applications");
  const pending = await orNotFound(listApplications(viewer, "pending"));
  const [t, tk, format] = await Promise.all([
    getTranslations("office"),
    getTranslations("kinds"),
    getFormatter(),
  ]);
  return (
    <div className="space-y-4">
      <PageTitle>{t("applicationsTitle")}</PageTitle>
      {pending.length === 0 && <p>{t("noApplications")}</p>}
      {pending.map((a) => (
        <Card key={a.id}>
          <h2 className="text-lg font-semibold">
            <span lang="zh-CN">{a.nameZh}</span> · <span lang="en">{a.nameEn}</span>
          </h2>
          <p className="text-sm text-slate-700">
            {tk(a.kind)} · {a.slug} {a.website && <>· {a.website}</>} ·{" "}
            {format.dateTime(a.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </p>
          <p className="mt-2 text-sm">
            {t("applicant")}: {a.applicantName} &lt;{a.applicantEmail}&gt;
          </p>
          {a.message && <p className="mt-2 whitespace-pre-line">{a.message}</p>}
          <DecideForm applicationId={a.id} />
        </Card>
      ))}
    </div>
  );
}
