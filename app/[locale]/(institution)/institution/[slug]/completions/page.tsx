import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import {
  COMPLETION_CSV_COLUMNS,
  MAX_COMPLETION_FILE_BYTES,
  MAX_COMPLETION_ROWS,
  completionCsvTemplate,
} from "@/lib/completions/csv-rows";
import {
  getCompletionBoard,
  listRecentCompletions,
  resultFilters,
} from "@/lib/completions/queries";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { CsvUpload } from "./_components/csv-upload";
import { EnrolmentTable } from "./_components/enrolment-table";
import { RecentTable } from "./_components/recent-table";

type Search = Record<string, string | string[] | undefined>;

// GET /institution/[slug]/completions – the registrar records results, one by one or by CSV
export default async function CompletionsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug } = await params;
  const search = await searchParams;
  const viewer = await viewerOrSignIn(`/institution/${slug}/completions`);
  const board = await orNotFound(getCompletionBoard(viewer, slug, search));
  const recent = await listRecentCompletions(viewer, slug);
  const [t, locale] = await Promise.all([getTranslations("completions"), getLocale()]);
  const { institution, filters, total, pageSize } = board;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    if (filters.resource) q.set("resource", filters.resource);
    if (filters.status !== "all") q.set("status", filters.status);
    if (page > 1) q.set("page", String(page));
    const s = q.toString();
    return `/institution/${slug}/completions${s ? `?${s}` : ""}`;
  };
  // A BOM so spreadsheet programs read the file as UTF-8; the upload drops it.
  const template = completionCsvTemplate({
    resourceSlug: board.resources[0]?.slug ?? `${institution.slug}-course`,
    today: board.today,
  });
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${template}`)}`;
  const select =
    "mt-1 block rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900";
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title", { name: locale === "zh-CN" ? institution.nameZh : institution.nameEn })}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("board.title")}</h2>
        <form method="get" className="flex flex-wrap items-end gap-4">
          <div>
            <label htmlFor="filter-resource" className="block text-sm font-medium text-slate-800">
              {t("filters.resource")}
            </label>
            <select
              id="filter-resource"
              name="resource"
              defaultValue={filters.resource ?? ""}
              className={select}
            >
              <option value="">{t("filters.allResources")}</option>
              {board.resources.map((r) => (
                <option key={r.id} value={r.id}>
                  {locale === "zh-CN" ? r.titleZh : r.titleEn}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-status" className="block text-sm font-medium text-slate-800">
              {t("filters.status")}
            </label>
            <select
              id="filter-status"
              name="status"
              defaultValue={filters.status}
              className={select}
            >
              {resultFilters.map((s) => (
                <option key={s} value={s}>
                  {t(`filters.statuses.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="min-h-10 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100"
          >
            {t("filters.apply")}
          </button>
        </form>
        <EnrolmentTable
          slug={slug}
          today={board.today}
          enrolments={board.enrolments}
          caption={t("board.caption", { total, page: filters.page, pages: lastPage })}
        />
        {lastPage > 1 && (
          <nav aria-label={t("board.pagination")}>
            <ul className="flex flex-wrap gap-4 text-sm">
              {filters.page > 1 && (
                <li>
                  <Link
                    href={pageHref(Math.min(filters.page - 1, lastPage))}
                    rel="prev"
                    className="text-brand-700 underline"
                  >
                    {t("board.previous")}
                  </Link>
                </li>
              )}
              {filters.page < lastPage && (
                <li>
                  <Link
                    href={pageHref(filters.page + 1)}
                    rel="next"
                    className="text-brand-700 underline"
                  >
                    {t("board.next")}
                  </Link>
                </li>
              )}
            </ul>
          </nav>
        )}
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("upload.title")}</h2>
        <p className="text-sm text-slate-700">{t("upload.intro")}</p>
        <p className="flex flex-wrap gap-x-2 gap-y-1 text-sm">
          {COMPLETION_CSV_COLUMNS.map((c) => (
            <code key={c} className="rounded bg-slate-100 px-1">
              {c}
            </code>
          ))}
        </p>
        <p className="text-sm text-slate-700">
          {t("upload.columnsHelp", {
            max: MAX_COMPLETION_ROWS,
            megabytes: MAX_COMPLETION_FILE_BYTES / (1024 * 1024),
          })}
        </p>
        <p className="text-sm">
          <a
            href={templateHref}
            download={`${institution.slug}-completions.csv`}
            className="text-brand-700 underline"
          >
            {t("upload.template")}
          </a>
        </p>
        <CsvUpload institutionSlug={institution.slug} />
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-slate-900">{t("recent.title")}</h2>
        <RecentTable recent={recent} />
      </Card>
    </div>
  );
}
