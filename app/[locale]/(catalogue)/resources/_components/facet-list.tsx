import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { FacetName, Facets } from "@/lib/search/query";
import { resourcesHref, type ParamKey, type Params } from "./search-params";

/** Which URL parameter each facet filters by. */
const facetParam: Record<FacetName, ParamKey> = {
  kind: "kind",
  fieldBroad: "field",
  level: "level",
  institution: "institution",
  delivery: "delivery",
  language: "language",
  free: "free",
};
const order: FacetName[] = [
  "kind",
  "fieldBroad",
  "level",
  "institution",
  "language",
  "delivery",
  "free",
];
const MAX_VALUES = 12;

/**
 * Facet counts as links that set one filter in the current address. Counts are disjunctive
 * (docs/DECISIONS.md): a facet with a selection still lists its other values, each with what
 * choosing it instead would give (its link replaces the selection), and the selected value is
 * marked, with its count and a link that removes it. Active filters are also listed on top.
 */
export async function FacetList({
  facets,
  params,
  labelOf,
}: {
  facets: Facets;
  params: Params;
  labelOf: (param: ParamKey, value: string) => string;
}) {
  const t = await getTranslations("catalogue");
  const active = order.map((f) => facetParam[f]).filter((p) => params[p]);
  const extra = (
    ["q", "levelMin", "levelMax", "creditsMin", "creditsMax", "priceMin", "priceMax"] as const
  ).filter((p) => params[p]);
  const groups = order
    .map((f) => {
      const selected = params[facetParam[f]];
      const values = Object.entries(facets[f])
        .filter(([v, n]) => n > 0 || v === selected)
        .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
      // The selected value stays listed even when it is not among the most frequent.
      const top = values.slice(0, MAX_VALUES);
      const chosen = values.find(([v]) => v === selected);
      if (chosen && !top.includes(chosen)) top[top.length - 1] = chosen;
      return { facet: f, values: top };
    })
    .filter((g) => g.values.length > 0);

  return (
    <div className="space-y-6">
      {active.length + extra.length > 0 && (
        <section aria-labelledby="active-filters">
          <h2 id="active-filters" className="mb-2 text-lg font-semibold">
            {t("search.active")}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {[...active, ...extra].map((p) => {
              const label = `${t(`params.${p}`)}: ${labelOf(p, params[p] ?? "")}`;
              return (
                <li key={p}>
                  <Link
                    href={resourcesHref(params, { [p]: undefined })}
                    aria-label={t("search.remove", { label })}
                    className="bg-brand-50 text-brand-800 border-brand-100 inline-flex items-center gap-1 rounded-full border px-3 py-1 text-sm hover:underline"
                  >
                    {label}
                    <span aria-hidden="true">×</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {groups.length > 0 && (
        <section aria-labelledby="refine">
          <h2 id="refine" className="mb-2 text-lg font-semibold">
            {t("search.refine")}
          </h2>
          {groups.map(({ facet, values }) => {
            const param = facetParam[facet];
            return (
              <div key={facet} className="mb-4">
                <h3 className="text-sm font-semibold text-slate-800">{t(`params.${param}`)}</h3>
                <ul className="mt-1 space-y-1 text-sm">
                  {values.map(([value, n]) => {
                    const label = labelOf(param, value);
                    const isSelected = params[param] === value;
                    return (
                      <li key={value}>
                        {isSelected ? (
                          <Link
                            href={resourcesHref(params, { [param]: undefined })}
                            aria-current="true"
                            aria-label={t("search.remove", {
                              label: `${t(`params.${param}`)}: ${label}`,
                            })}
                            className="font-semibold text-slate-900 hover:underline"
                          >
                            {label} <span aria-hidden="true">×</span>
                          </Link>
                        ) : (
                          <Link
                            href={resourcesHref(params, { [param]: value })}
                            className="text-brand-700 hover:text-brand-800 underline"
                          >
                            {label}
                          </Link>
                        )}{" "}
                        <span className="text-slate-600">({n})</span>
                      </li>
                    );
                  })}
                </ul>
              </div>
            );
          })}
        </section>
      )}
    </div>
  );
}
