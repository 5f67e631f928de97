import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { apiScopes } from "@/db/schema/api";
import { listApiKeys } from "@/lib/api/keys";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { CreateApiKeyForm, RevokeApiKeyForm } from "./_components/api-key-forms";

export default async function ApiKeysPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/api-keys`);
  const { institution, keys } = await orNotFound(listApiKeys(viewer, slug));
  const [t, format, locale] = await Promise.all([
    getTranslations("apiKeys"),
    getFormatter(),
    getLocale(),
  ]);
  const when = (d: Date | null) =>
    d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : t("never");
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title")} · {locale === "zh-CN" ? institution.nameZh : institution.nameEn}
      </PageTitle>
      <p className="text-slate-700">
        {t("intro")}{" "}
        <Link href="/developers" className="text-brand-700 underline">
          {t("docsLink")}
        </Link>
      </p>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("listTitle")}</h2>
        {keys.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  {(["name", "prefix", "scopes", "created", "lastUsed", "status"] as const).map(
                    (col) => (
                      <th key={col} scope="col" className="py-2 pr-4">
                        {t(col)}
                      </th>
                    ),
                  )}
                  <th scope="col" className="py-2 pr-4">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-4">{k.name}</td>
                    <td className="py-2 pr-4 font-mono">{k.prefix}…</td>
                    <td className="py-2 pr-4 font-mono">{k.scopes.join(", ")}</td>
                    <td className="py-2 pr-4">{when(k.createdAt)}</td>
                    <td className="py-2 pr-4">{when(k.lastUsedAt)}</td>
                    <td className="py-2 pr-4">
                      {k.revokedAt ? t("revokedOn", { date: when(k.revokedAt) }) : t("active")}
                    </td>
                    <td className="py-2 pr-4">
                      {!k.revokedAt && (
                        <RevokeApiKeyForm
                          slug={slug}
                          keyId={k.id}
                          label={t("revoke", { name: k.name })}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("createTitle")}</h2>
        <CreateApiKeyForm slug={slug} scopes={apiScopes} />
      </Card>
    </div>
  );
}
