import { getTranslations } from "next-intl/server";
import type { PublicResource } from "@/lib/catalogue/queries";
import { getViewer } from "@/lib/auth/viewer";
import { formatDate } from "@/lib/format";
import { getMyRatingState, getRatingSummary } from "@/lib/ratings/queries";
import { RatingForm } from "./rating-form";

function Stars({ value, label }: { value: number; label: string }) {
  const full = Math.round(value);
  return (
    <span role="img" aria-label={label} className="text-amber-700">
      {"★".repeat(full)}
      <span className="text-slate-300">{"★".repeat(5 - full)}</span>
    </span>
  );
}

/**
 * Ratings on a resource page: the average, the count and the latest comments for everyone; the
 * form for a learner who may rate (a completer of a course, an enrolled learner of a learning
 * resource), who also sees their own rating to change it.
 */
export async function RatingsSection({
  resource,
  locale,
  timeZone,
}: {
  resource: Pick<PublicResource, "id" | "kind">;
  locale: string;
  timeZone: string;
}) {
  const [t, summary, viewer] = await Promise.all([
    getTranslations("ratings"),
    getRatingSummary(resource.id),
    getViewer(),
  ]);
  const mine = viewer ? await getMyRatingState(viewer, resource.id) : null;
  const average = summary.average;
  const who =
    resource.kind === "learning_resource" ? t("whoMayRateMaterial") : t("whoMayRateCourse");
  return (
    <section aria-labelledby="ratings" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="ratings" className="mb-3 text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="flex flex-wrap items-center gap-2">
        {average !== null && (
          <>
            <Stars
              value={average}
              label={t("average", { average: average.toLocaleString(locale) })}
            />
            <span className="font-medium" aria-hidden="true">
              {average.toLocaleString(locale)}
            </span>
          </>
        )}
        <span className="text-slate-700">
          {summary.count === 0 ? t("noRatings") : t("count", { count: summary.count })}
        </span>
      </p>
      {summary.count > 0 && (
        <>
          <h3 className="mt-4 mb-2 font-semibold">{t("latest")}</h3>
          {summary.latest.length === 0 ? (
            <p className="text-slate-700">{t("noComments")}</p>
          ) : (
            <ul className="space-y-3">
              {summary.latest.map((r) => (
                <li key={r.id} className="border-l-4 border-slate-200 pl-3">
                  <Stars value={r.stars} label={t("starsLabel", { stars: r.stars })} />
                  <p className="whitespace-pre-line text-slate-800">{r.comment}</p>
                  <p className="text-xs text-slate-700">
                    {t("ratedOn", { date: formatDate(new Date(r.updatedAt), locale, timeZone) })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {mine?.mayRate ? (
        <RatingForm resourceId={resource.id} mine={mine.mine} />
      ) : (
        <p className="mt-4 text-sm text-slate-700">{who}</p>
      )}
    </section>
  );
}
