import { getLocale, getTranslations } from "next-intl/server";
import type { ReviewQueueItem } from "@/lib/catalogue/review-queue";
import { formatCredits } from "@/lib/format";

/** What changed in the reviewed fields against the live version (or: a first publication). */
export async function MaterialChanges({ item }: { item: ReviewQueueItem }) {
  const [t, tp, locale] = await Promise.all([
    getTranslations("review"),
    getTranslations("publishing.preview"),
    getLocale(),
  ]);
  const { live, version: v, materialChanges } = item;
  if (!live || !materialChanges) {
    return <p className="text-sm font-medium">{t("firstPublication")}</p>;
  }
  if (materialChanges.length === 0) {
    return <p className="text-sm">{t("noMaterialChanges", { version: live.version })}</p>;
  }
  const rule = (score: number | null, pct: number | null) =>
    [
      score !== null ? tp("minScore", { score }) : "",
      pct !== null ? tp("minAttendance", { pct }) : "",
    ]
      .filter(Boolean)
      .join(", ") || tp("noRule");
  const line = (field: (typeof materialChanges)[number]) => {
    const name = t(`material.${field}`);
    switch (field) {
      case "creditsX100":
        return t("changeFrom", {
          field: name,
          before: formatCredits(live.creditsX100, locale),
          after: formatCredits(v.creditsX100, locale),
        });
      case "level":
        return t("changeFrom", { field: name, before: live.level, after: v.level });
      case "completionRule":
        return t("changeFrom", {
          field: name,
          before: rule(live.minScore, live.minAttendancePct),
          after: rule(v.minScore, v.minAttendancePct),
        });
      default:
        return t("changedOutcomes");
    }
  };
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-medium">{t("materialChanges", { version: live.version })}</p>
      <ul className="mt-1 list-disc pl-6">
        {materialChanges.map((f) => (
          <li key={f}>{line(f)}</li>
        ))}
      </ul>
    </div>
  );
}
