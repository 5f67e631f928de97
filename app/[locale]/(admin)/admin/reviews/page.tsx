import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { VersionPreview } from "@/components/publishing/version-preview";
import { orNotFound, requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { listReviewQueue } from "@/lib/catalogue/review-queue";
import { formatCredits } from "@/lib/format";
import { MaterialChanges } from "./_components/material-changes";
import { ReviewForm } from "./_components/review-form";

// GET /admin/reviews – versions waiting for the alliance office's review, oldest first
export default async function ReviewsPage() {
  const viewer = await viewerOrSignIn("/admin/reviews");
  requirePlatformPage(viewer, "resources:review");
  const queue = await orNotFound(listReviewQueue(viewer));
  const [t, tp, format, locale] = await Promise.all([
    getTranslations("review"),
    getTranslations("publishing"),
    getFormatter(),
    getLocale(),
  ]);
  const zh = locale === "zh-CN";
  return (
    <div className="space-y-4">
      <PageTitle>{t("title")}</PageTitle>
      <p>{t("intro")}</p>
      {queue.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <p className="text-sm text-slate-700">{t("count", { count: queue.length })}</p>
      )}
      {queue.map((item) => {
        const v = item.version;
        return (
          <Card key={item.resourceId}>
            <h2 className="text-lg font-semibold">
              {v.titleZh && <span lang="zh-CN">{v.titleZh}</span>}
              {v.titleZh && v.titleEn && " · "}
              {v.titleEn && <span lang="en">{v.titleEn}</span>}
            </h2>
            <p className="text-sm text-slate-700">
              {t("by", { institution: zh ? item.institution.nameZh : item.institution.nameEn })} ·{" "}
              {tp(`kinds.${item.kind}`)} · {t("versionN", { version: v.version })} ·{" "}
              {item.submittedAt &&
                t("submitted", {
                  date: format.dateTime(item.submittedAt, {
                    dateStyle: "medium",
                    timeStyle: "short",
                  }),
                })}
            </p>
            <p className="mt-1 text-sm">
              {tp("preview.credits")}: {formatCredits(v.creditsX100, locale)} ·{" "}
              {tp("preview.level")}: {v.level}
              {item.levelLabel && ` ${zh ? item.levelLabel.zh : item.levelLabel.en}`} ·{" "}
              {tp("preview.field")}: {v.fieldCode}
              {item.field && ` ${zh ? item.field.nameZh : item.field.nameEn}`}
            </p>
            <div className="mt-3">
              <MaterialChanges item={item} />
            </div>
            <details className="mt-3 rounded-md border border-slate-200 p-3">
              <summary className="text-brand-700 cursor-pointer font-medium underline">
                {t("previewToggle", { version: v.version })}
              </summary>
              <div className="mt-3">
                <VersionPreview
                  version={v}
                  offers={item.offers}
                  coverImageKey={v.coverImageKey}
                  fieldName={item.field}
                  levelLabel={item.levelLabel}
                />
              </div>
            </details>
            <ReviewForm resourceId={item.resourceId} />
          </Card>
        );
      })}
    </div>
  );
}
