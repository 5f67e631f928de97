import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { listMemberInstitutions } from "@/lib/institutions/queries";

export default async function InstitutionsPage() {
  const [t, tk, members] = await Promise.all([
    getTranslations("institutions"),
    getTranslations("kinds"),
    listMemberInstitutions(),
  ]);
  return (
    <div>
      <PageTitle>{t("title")}</PageTitle>
      <p className="mb-6 text-slate-700">{t("intro")}</p>
      {members.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {members.map((m) => (
            <li key={m.slug} className="p-4">
              <p className="font-medium" lang="zh-CN">
                {m.nameZh}
              </p>
              <p className="text-sm text-slate-700" lang="en">
                {m.nameEn}
              </p>
              <p className="text-sm text-slate-600">{tk(m.kind)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
