import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { getPublishingInstitution } from "@/lib/catalogue/staff-queries";
import { CSV_COLUMNS, exampleCsv } from "@/lib/catalogue/import-file";
import { ImportClient } from "./_components/import-client";

// GET /institution/[slug]/resources/import – create drafts from a CSV or JSON lines file
export default async function ImportResourcesPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/resources/import`);
  const institution = await orNotFound(getPublishingInstitution(viewer, slug));
  const [t, tp, locale] = await Promise.all([
    getTranslations("importUi"),
    getTranslations("publishing"),
    getLocale(),
  ]);
  // A BOM so spreadsheet programs read the Chinese cells as UTF-8; the importer drops it.
  const example = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${exampleCsv(institution.slug)}`)}`;
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link href={`/institution/${slug}/resources`} className="text-brand-700 underline">
          {tp("backToList")}
        </Link>
      </nav>
      <PageTitle>
        {t("title", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p>{t("intro")}</p>
      <Card>
        <ImportClient institutionSlug={institution.slug} />
      </Card>
      <Card className="space-y-3 text-sm">
        <h2 className="text-lg font-semibold text-slate-900">{t("help.title")}</h2>
        <p>{t("help.csv")}</p>
        <p className="flex flex-wrap gap-x-2 gap-y-1">
          {CSV_COLUMNS.map((c) => (
            <code key={c} className="rounded bg-slate-100 px-1">
              {c}
            </code>
          ))}
        </p>
        <p>{t("help.notes", { prefix: institution.slug })}</p>
        <p>{t("help.jsonl")}</p>
        <p>
          <a
            href={example}
            download={`${institution.slug}-resources-example.csv`}
            className="text-brand-700 underline"
          >
            {t("help.example")}
          </a>
        </p>
      </Card>
    </div>
  );
}
