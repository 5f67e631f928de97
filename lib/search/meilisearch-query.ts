import type { MultiSearchQuery, SearchParams } from "meilisearch";
import { cjkBigrams } from "./cjk";
import type { MeilisearchDocument } from "./meilisearch";
import {
  type CatalogueQuery,
  effectiveSort,
  type FacetName,
  facetNames,
  type Facets,
  type SearchHit,
  type SearchResult,
  type SortKey,
} from "./query";

/* What the Meilisearch engine (lib/search/meilisearch.ts) sends for a catalogue query and how
   it reads the answer back into our types. */

// Our facet names ← Meilisearch attributes.
const facetAttributes: Record<FacetName, string> = {
  kind: "kind",
  fieldBroad: "fieldBroad",
  level: "level",
  institution: "institutionSlug",
  delivery: "deliveryMode",
  language: "languages",
  free: "isFree",
};

// The id last makes the order total, as on PostgreSQL, so paging never repeats or skips a hit.
const sorts: Record<SortKey, string[] | undefined> = {
  relevance: undefined,
  newest: ["publishedAtMs:desc", "id:asc"],
  price_asc: ["priceMinor:asc", "id:asc"],
  price_desc: ["priceMinor:desc", "id:asc"],
  credits_asc: ["creditsX100:asc", "id:asc"],
  credits_desc: ["creditsX100:desc", "id:asc"],
};

const hitAttributes = [
  "id",
  "slug",
  "titleZh",
  "titleEn",
  "summaryZh",
  "summaryEn",
  "institutionSlug",
  "institutionNameZh",
  "institutionNameEn",
  "kind",
  "creditsX100",
  "level",
  "fieldCode",
  "priceMinor",
] as const satisfies readonly (keyof MeilisearchDocument)[];
export type StoredHit = Pick<MeilisearchDocument, (typeof hitAttributes)[number]>;

/** The text sent as `q`: what was typed, then its Han bigrams so they meet the bigram field. */
export function toMeilisearchQ(q: string): string {
  const bigrams = [...new Set(cjkBigrams(q))];
  return bigrams.length > 0 ? `${q} ${bigrams.join(" ")}` : q;
}

// Values come through zod already, but a filter is a little language: quote strings properly.
const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Each filter of the query, with the facet whose selection it is (as on PostgreSQL). */
function filterEntries(q: CatalogueQuery): { facet: FacetName | null; expr: string }[] {
  const f: { facet: FacetName | null; expr: string }[] = [];
  const add = (facet: FacetName | null, expr: string) => f.push({ facet, expr });
  if (q.field)
    add("fieldBroad", `${q.field.length === 2 ? "fieldBroad" : "fieldCode"} = ${str(q.field)}`);
  if (q.level !== undefined) add("level", `level = ${q.level}`);
  if (q.levelMin !== undefined) add(null, `level >= ${q.levelMin}`);
  if (q.levelMax !== undefined) add(null, `level <= ${q.levelMax}`);
  if (q.creditsMin !== undefined) add(null, `creditsX100 >= ${q.creditsMin}`);
  if (q.creditsMax !== undefined) add(null, `creditsX100 <= ${q.creditsMax}`);
  if (q.priceMin !== undefined) add(null, `priceMinor >= ${q.priceMin}`);
  if (q.priceMax !== undefined) add(null, `priceMinor <= ${q.priceMax}`);
  if (q.institution) add("institution", `institutionSlug = ${str(q.institution)}`);
  if (q.kind) add("kind", `kind = ${str(q.kind)}`);
  if (q.language) add("language", `languages = ${str(q.language)}`);
  if (q.delivery) add("delivery", `deliveryMode = ${str(q.delivery)}`);
  if (q.free !== undefined) add("free", `isFree = ${q.free}`);
  return f;
}

/** The query's filters, ANDed (Meilisearch ANDs a filter array), less one facet's selection. */
export function toMeilisearchFilter(q: CatalogueQuery, except?: FacetName): string[] {
  return filterEntries(q)
    .filter((f) => except === undefined || f.facet !== except)
    .map((f) => f.expr);
}

/** Facets with a selection: each is counted by a query of its own (see toMeilisearchQueries). */
export function selectedFacets(q: CatalogueQuery): FacetName[] {
  const entries = filterEntries(q);
  return facetNames.filter((n) => entries.some((f) => f.facet === n));
}

type PagedSearchParams = SearchParams & { page: number; hitsPerPage: number };

export function toMeilisearchParams(q: CatalogueQuery): PagedSearchParams {
  const selected = selectedFacets(q);
  return {
    filter: toMeilisearchFilter(q),
    sort: sorts[effectiveSort(q)],
    facets: facetNames.filter((n) => !selected.includes(n)).map((n) => facetAttributes[n]),
    attributesToRetrieve: [...hitAttributes],
    page: q.page,
    hitsPerPage: q.pageSize,
  };
}

/**
 * Disjunctive facets in one multi-search: the page of hits with the facets that have no
 * selection, then per selected facet a query without hits, filtered by everything but that
 * facet's own selection, counting that facet alone.
 */
export function toMeilisearchQueries(q: CatalogueQuery, indexUid: string): MultiSearchQuery[] {
  const text = toMeilisearchQ(q.q);
  return [
    { indexUid, q: text, ...toMeilisearchParams(q) },
    ...selectedFacets(q).map((n) => ({
      indexUid,
      q: text,
      filter: toMeilisearchFilter(q, n),
      facets: [facetAttributes[n]],
      page: 1,
      hitsPerPage: 0,
    })),
  ];
}

// Field by field, so nothing the index happens to hold leaks into the DTO.
function toHit(h: StoredHit): SearchHit {
  return {
    id: h.id,
    slug: h.slug,
    titleZh: h.titleZh,
    titleEn: h.titleEn,
    summaryZh: h.summaryZh,
    summaryEn: h.summaryEn,
    institutionSlug: h.institutionSlug,
    institutionNameZh: h.institutionNameZh,
    institutionNameEn: h.institutionNameEn,
    kind: h.kind,
    creditsX100: h.creditsX100,
    level: h.level,
    fieldCode: h.fieldCode,
    price: h.priceMinor === null ? null : { amountMinor: h.priceMinor, currency: "CNY" },
  };
}

type Distribution = Record<string, Record<string, number>> | undefined;

/** Our facets from the main query's distribution and, for selected facets, their own queries'. */
function toFacets(main: Distribution, own: [FacetName, Distribution][]): Facets {
  const facets = Object.fromEntries(
    facetNames.map((n) => [n, { ...main?.[facetAttributes[n]] }]),
  ) as Facets;
  for (const [n, distribution] of own) facets[n] = { ...distribution?.[facetAttributes[n]] };
  return facets;
}

type Answer = { hits: StoredHit[]; totalHits?: number; facetDistribution?: Distribution };

/** Our result from the multi-search answers, which come in the order toMeilisearchQueries sent. */
export function toSearchResult(q: CatalogueQuery, answers: Answer[]): Omit<SearchResult, "tookMs"> {
  const [main, ...own] = answers;
  if (!main) throw new Error("Meilisearch search failed: no answer to the query");
  return {
    hits: main.hits.map(toHit),
    total: main.totalHits ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    facets: toFacets(
      main.facetDistribution,
      selectedFacets(q).map((n, i) => [n, own[i]?.facetDistribution]),
    ),
  };
}
