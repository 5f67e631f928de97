import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { getPublishingInstitution } from "@/lib/catalogue/staff-queries";
import { OUTCOME_ROWS } from "@/lib/catalogue/form-input";
import { resourceFormChoices } from "../_components/choices";
import { ResourceForm } from "../_components/resource-form";

// GET /institution/[slug]/resources/new – create a resource as a draft
export default async function NewResourcePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/resources/new`);
  const institution = await orNotFound(getPublishingInstitution(viewer, slug));
  const [t, locale, choices] = await Promise.all([
    getTranslations("publishing"),
    getLocale(),
    resourceFormChoices(),
  ]);
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link href={`/institution/${slug}/resources`} className="text-brand-700 underline">
          {t("backToList")}
        </Link>
      </nav>
      <PageTitle>
        {t("newTitle", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p>{t("newIntro")}</p>
      <Card>
        <ResourceForm
          mode="create"
          institutionSlug={institution.slug}
          initial={{ kind: "course", languages: "zh", deliveryMode: "online" }}
          choices={choices}
          outcomeRows={OUTCOME_ROWS}
        />
      </Card>
    </div>
  );
}
