import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { countJobs, listDeadLetters } from "@/lib/jobs/dead-letters";
import { RetryForm } from "./_components/retry-form";

export default async function JobsPage() {
  const viewer = await viewerOrSignIn("/admin/jobs");
  const rows = await orNotFound(listDeadLetters(viewer));
  const [counts, t, format] = await Promise.all([
    countJobs(),
    getTranslations("jobs"),
    getFormatter(),
  ]);
  return (
    <div>
      <PageTitle>{t("title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("intro")}</p>
      <dl className="mb-6 flex gap-8">
        <div>
          <dt className="text-sm text-slate-600">{t("queued")}</dt>
          <dd className="text-2xl font-semibold">{format.number(counts.queued)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">{t("deadLetters")}</dt>
          <dd className="text-2xl font-semibold">{format.number(counts.deadLetters)}</dd>
        </div>
      </dl>
      <Card>
        {rows.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-3">
                    {t("failedAt")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("topic")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("attempts")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("error")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    <span className="sr-only">{t("retry")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-b border-slate-100 align-top">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      {format.dateTime(r.failedAt, { dateStyle: "short", timeStyle: "medium" })}
                    </td>
                    <td className="py-2 pr-3 font-mono">{r.topic ?? "—"}</td>
                    <td className="py-2 pr-3">{r.retries === null ? "—" : r.retries + 1}</td>
                    <td className="py-2 pr-3 font-mono text-xs break-all">
                      {r.error ?? "—"}
                      <div className="mt-1 text-slate-600">{JSON.stringify(r.payload)}</div>
                    </td>
                    <td className="py-2 pr-3">
                      <RetryForm id={r.id} label={t("retry")} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
