import Image from "next/image";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { VersionPreview } from "@/components/publishing/version-preview";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { getResourceForEdit } from "@/lib/catalogue/staff-queries";
import { MAX_OUTCOMES, OUTCOME_ROWS } from "@/lib/catalogue/form-input";
import { resourceToFormValues } from "@/lib/catalogue/form-values";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";
import { resourceFormChoices } from "../_components/choices";
import { CoverForm } from "../_components/cover-form";
import { LifecycleForms } from "../_components/lifecycle-forms";
import { ResourceForm } from "../_components/resource-form";
import { StatusSummary } from "../_components/status-summary";

type Props = {
  params: Promise<{ slug: string; resourceId: string }>;
  searchParams: Promise<{ created?: string }>;
};

// GET /institution/[slug]/resources/[resourceId] – edit, cover, submit, withdraw, archive
export default async function EditResourcePage({ params, searchParams }: Props) {
  const { slug, resourceId } = await params;
  const { created } = await searchParams;
  const viewer = await viewerOrSignIn(`/institution/${slug}/resources/${resourceId}`);
  const r = await orNotFound(getResourceForEdit(viewer, resourceId));
  // The resource must belong to the institution in the address.
  if (r.institution.slug !== slug) notFound();
  const [t, locale, choices, timeZone] = await Promise.all([
    getTranslations("publishing"),
    getLocale(),
    resourceFormChoices(),
    getAllianceTimeZone(),
  ]);
  const zh = locale === "zh-CN";
  const wc = r.workingCopy;
  const title = (zh ? wc.titleZh || wc.titleEn : wc.titleEn || wc.titleZh) || t("untitled");
  const outcomeRows = Math.min(MAX_OUTCOMES, Math.max(OUTCOME_ROWS, wc.outcomes.length + 2));
  const field = choices.fieldGroups
    .flatMap((g) => [g, ...g.fields])
    .find((f) => f.code === wc.fieldCode);
  const level = choices.levels.find((l) => l.level === wc.level);
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link href={`/institution/${slug}/resources`} className="text-brand-700 underline">
          {t("backToList")}
        </Link>
      </nav>
      <PageTitle>{t("editTitle", { title })}</PageTitle>
      {created && <Notice tone="success">{t("created")}</Notice>}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("lifecycleTitle")}</h2>
        <StatusSummary resource={r} />
        <div className="mt-4">
          <LifecycleForms
            resourceId={r.id}
            canSubmit={r.canSubmit}
            canWithdraw={r.inReview}
            canArchive={r.status !== "archived"}
          />
        </div>
      </Card>
      <Card>
        <ResourceForm
          mode="update"
          resourceId={r.id}
          disabled={!r.canEdit}
          institutionSlug={slug}
          initial={resourceToFormValues({ ...wc, offers: r.offers }, timeZone)}
          choices={choices}
          outcomeRows={outcomeRows}
        />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("coverTitle")}</h2>
        {r.coverImageKey ? (
          <figure className="mb-4">
            <Image
              src={`/uploads/${r.coverImageKey}`}
              alt={t("currentCover")}
              width={600}
              height={315}
              unoptimized
              className="max-h-48 w-auto rounded-md object-cover"
            />
          </figure>
        ) : (
          <p className="mb-4 text-slate-700">{t("noCover")}</p>
        )}
        {r.canEdit && <CoverForm resourceId={r.id} />}
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("previewTitle")}</h2>
        <VersionPreview
          version={wc}
          offers={r.offers}
          fieldName={field ?? null}
          levelLabel={level ? { zh: level.labelZh, en: level.labelEn } : null}
        />
      </Card>
    </div>
  );
}
