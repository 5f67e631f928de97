import { getFormatter, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/card";
import { Link } from "@/i18n/navigation";
import type { ResourceForEdit } from "@/lib/catalogue/staff-queries";
import { StatusBadge } from "./status-badge";

/** Where the resource stands, what the office said, and what saving will do. */
export async function StatusSummary({ resource: r }: { resource: ResourceForEdit }) {
  const [t, format] = await Promise.all([getTranslations("publishing"), getFormatter()]);
  const wc = r.workingCopy;
  const when = (d: Date | null) =>
    d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "";
  let note: string;
  if (r.status === "archived") note = t("archivedNote");
  else if (r.inReview)
    note = t("inReviewNote", {
      version: r.pending?.version ?? 0,
      date: when(r.pending?.submittedAt ?? null),
    });
  else if (r.live) note = t("materialNote");
  else if (r.rejected && !r.pending) note = t("rejectedEditNote");
  else note = t("draftNote");
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-2">
        {t("statusLabel")}
        <StatusBadge status={r.status}>{t(`status.${r.status}`)}</StatusBadge>
      </p>
      {r.live && (
        <p>
          {t("liveLine", { version: r.live.version })}{" "}
          {r.status === "published" && (
            <Link href={`/resources/${r.slug}`} className="text-brand-700 underline">
              {t("openLive")}
            </Link>
          )}
        </p>
      )}
      <p>{t("workingLine", { version: wc.version, state: t(`versionState.${wc.state}`) })}</p>
      {r.pending?.reviewReason && (
        <Notice tone="error">{t("reviewNote", { reason: r.pending.reviewReason })}</Notice>
      )}
      {r.rejected && (
        <Notice tone="error">
          {r.rejected.reviewReason
            ? t("rejectedNote", { version: r.rejected.version, reason: r.rejected.reviewReason })
            : t("rejectedNoReason", { version: r.rejected.version })}
        </Notice>
      )}
      <Notice>{note}</Notice>
    </div>
  );
}
