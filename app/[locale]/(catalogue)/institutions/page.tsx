import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { PageTitle } from "@/components/ui/card";
import { listMemberInstitutions } from "@/lib/institutions/queries";

export default async function InstitutionsPage() {
  const [t, tk, locale, members] = await Promise.all([
    getTranslations("institutions"),
    getTranslations("kinds"),
    getLocale(),
    listMemberInstitutions(),
  ]);
  const zh = locale === "zh-CN";
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
              {/* The link reads in the page's language; the other name follows, marked as such. */}
              <p className="font-medium">
                <Link
                  href={`/institutions/${m.slug}`}
                  className="text-brand-700 hover:text-brand-800 underline"
                >
                  {zh ? m.nameZh : m.nameEn}
                </Link>
              </p>
              <p className="text-sm text-slate-700" lang={zh ? "en" : "zh-CN"}>
                {zh ? m.nameEn : m.nameZh}
              </p>
              <p className="text-sm text-slate-600">{tk(m.kind)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
