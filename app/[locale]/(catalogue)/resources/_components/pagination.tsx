import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { MAX_RESULT_WINDOW } from "@/lib/search/query";
import { resourcesHref, type Params } from "./search-params";

/** Page numbers near the current one, plus the first and last; null marks a gap. */
function pageWindow(current: number, last: number): (number | null)[] {
  const pages = new Set([1, last]);
  for (let p = current - 2; p <= current + 2; p++) if (p >= 1 && p <= last) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((p, i) => (i > 0 && p - sorted[i - 1]! > 1 ? [null, p] : [p]));
}

/** Links keep every other parameter of the search, so paging never loses a filter. */
export async function Pagination({
  params,
  page,
  pageSize,
  total,
}: {
  params: Params;
  page: number;
  pageSize: number;
  total: number;
}) {
  const t = await getTranslations("catalogue.search");
  const last = Math.max(
    1,
    Math.min(Math.ceil(total / pageSize), Math.floor(MAX_RESULT_WINDOW / pageSize)),
  );
  if (last <= 1 && page <= 1) return null;
  const href = (p: number) => resourcesHref(params, { page: p > 1 ? String(p) : undefined });
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100";
  return (
    <nav aria-label={t("pagination")} className="mt-6">
      <ul className="flex flex-wrap items-center gap-2 text-sm">
        {page > 1 && (
          <li>
            <Link href={href(Math.min(page - 1, last))} rel="prev" className={link}>
              {t("previous")}
            </Link>
          </li>
        )}
        {pageWindow(Math.min(page, last), last).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-slate-600">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span
                  aria-current="page"
                  className="bg-brand-700 border-brand-700 rounded-md border px-3 py-1 text-white"
                >
                  <span className="sr-only">{t("page", { page: p })}</span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link href={href(p)} aria-label={t("page", { page: p })} className={link}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        {page < last && (
          <li>
            <Link href={href(page + 1)} rel="next" className={link}>
              {t("next")}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
