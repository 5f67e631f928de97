import { sql, type SQL } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { textMatch, type TextMatch } from "./postgres-text";
import type { SearchEngine } from "./engine";
import {
  effectiveSort,
  facetNames,
  type CatalogueQuery,
  type Facets,
  type SearchHit,
  type SearchResult,
} from "./query";

/** Filter conditions of the query (all but text), each a SQL fragment over catalogue_search. */
function filters(q: CatalogueQuery): SQL[] {
  const f: SQL[] = [];
  if (q.field)
    f.push(q.field.length === 2 ? sql`field_broad = ${q.field}` : sql`field_code = ${q.field}`);
  if (q.level !== undefined) f.push(sql`level = ${q.level}`);
  if (q.levelMin !== undefined) f.push(sql`level >= ${q.levelMin}`);
  if (q.levelMax !== undefined) f.push(sql`level <= ${q.levelMax}`);
  if (q.creditsMin !== undefined) f.push(sql`credits_x100 >= ${q.creditsMin}`);
  if (q.creditsMax !== undefined) f.push(sql`credits_x100 <= ${q.creditsMax}`);
  if (q.priceMin !== undefined) f.push(sql`price_minor >= ${q.priceMin}`);
  if (q.priceMax !== undefined) f.push(sql`price_minor <= ${q.priceMax}`);
  if (q.institution) f.push(sql`institution_slug = ${q.institution}`);
  if (q.kind) f.push(sql`kind = ${q.kind}`);
  if (q.language) f.push(sql`languages @> array[${q.language}]::text[]`);
  if (q.delivery) f.push(sql`delivery_mode = ${q.delivery}`);
  if (q.free !== undefined) f.push(sql`is_free = ${q.free}`);
  return f;
}

const orderBy: Record<ReturnType<typeof effectiveSort>, SQL> = {
  relevance: sql`rank desc, published_at desc, resource_id`,
  newest: sql`published_at desc, resource_id`,
  price_asc: sql`price_minor asc nulls last, resource_id`,
  price_desc: sql`price_minor desc nulls last, resource_id`,
  credits_asc: sql`credits_x100 asc, resource_id`,
  credits_desc: sql`credits_x100 desc, resource_id`,
};

const hitColumns = sql.raw(
  "resource_id, slug, title_zh, title_en, summary_zh, summary_en, institution_slug, institution_name_zh, " +
    "institution_name_en, kind, credits_x100, level, field_code, price_minor",
);

type HitRow = {
  resource_id: string;
  slug: string;
  title_zh: string;
  title_en: string;
  summary_zh: string;
  summary_en: string;
  institution_slug: string;
  institution_name_zh: string;
  institution_name_en: string;
  kind: string;
  credits_x100: SqlInteger;
  level: SqlInteger;
  field_code: string;
  price_minor: SqlInteger | null;
};

type FacetRow = {
  kind: string | null;
  field_broad: string | null;
  level: string | null;
  institution_slug: string | null;
  delivery_mode: string | null;
  is_free: string | null;
  languages: string[] | null;
  n: SqlInteger;
  g: SqlInteger;
};

export async function searchPostgres(query: CatalogueQuery): Promise<SearchResult> {
  const started = performance.now();
  const text = await textMatch(query.q);
  let result = await runQuery(query, text?.strict ?? null);
  if (result.total === 0 && text?.tolerant) result = await runQuery(query, text.tolerant);
  return { ...result, tookMs: Math.round((performance.now() - started) * 10) / 10 };
}

async function runQuery(
  query: CatalogueQuery,
  text: TextMatch | null,
): Promise<Omit<SearchResult, "tookMs">> {
  const db = await getDb();
  const conds = [...filters(query), ...(text ? [text.where] : [])];
  const where = conds.length > 0 ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
  const rank = text?.rank ?? sql`0`;
  const offset = (query.page - 1) * query.pageSize;

  const order = orderBy[effectiveSort(query)];
  const facetSql = (from: SQL) =>
    sql`select kind, field_broad, level::text as level, institution_slug, delivery_mode, is_free::text as is_free,
               languages, count(*)::int as n,
               grouping(kind, field_broad, level, institution_slug, delivery_mode, is_free, languages) as g
        from ${from}
        group by grouping sets ((kind), (field_broad), (level), (institution_slug), (delivery_mode), (is_free), (languages))`;
  // Two queries in parallel (2 cores): without words to match both can read index-only from
  // catalogue_search_filter_cover. (One materialised scan feeding both was slower here.)
  const page = (w: SQL) =>
    selectRows<HitRow>(
      db,
      sql`select ${hitColumns}, ${rank} as rank from catalogue_search ${w}
          order by ${order} limit ${query.pageSize} offset ${offset}`,
    );
  const titleFirst =
    text?.titleFirst && effectiveSort(query) === "relevance"
      ? sql`where ${sql.join([...conds, text.titleFirst], sql` and `)}`
      : null;
  const [firstTry, facetRows] = await Promise.all([
    page(titleFirst ?? where),
    selectRows<FacetRow>(db, facetSql(sql`catalogue_search ${where}`)),
  ]);
  // A full page from the title matches is exact; a short one may need the other matches too.
  const hits = titleFirst && firstTry.length < query.pageSize ? await page(where) : firstTry;

  const facets = Object.fromEntries(
    facetNames.map((n) => [n, {} as Record<string, number>]),
  ) as Facets;
  for (const r of facetRows) {
    const n = toSafeInteger(r.n, "facet count");
    // grouping() has a 0 bit for the one column this row groups by (bit 6 = kind … bit 0 = languages).
    const g = toSafeInteger(r.g, "grouping");
    if (!(g & 64)) facets.kind[r.kind!] = n;
    else if (!(g & 32)) facets.fieldBroad[r.field_broad!] = n;
    else if (!(g & 16)) facets.level[r.level!] = n;
    else if (!(g & 8)) facets.institution[r.institution_slug!] = n;
    else if (!(g & 4)) facets.delivery[r.delivery_mode!] = n;
    else if (!(g & 2)) facets.free[r.is_free!] = n;
    else for (const l of r.languages ?? []) facets.language[l] = (facets.language[l] ?? 0) + n;
  }
  const total = Object.values(facets.kind).reduce((a, b) => a + b, 0);

  return {
    hits: hits.map(toHit),
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets,
  };
}

function toHit(r: HitRow): SearchHit {
  return {
    id: r.resource_id,
    slug: r.slug,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    summaryZh: r.summary_zh,
    summaryEn: r.summary_en,
    institutionSlug: r.institution_slug,
    institutionNameZh: r.institution_name_zh,
    institutionNameEn: r.institution_name_en,
    kind: r.kind,
    creditsX100: toSafeInteger(r.credits_x100, "credits_x100"),
    level: toSafeInteger(r.level, "level"),
    fieldCode: r.field_code,
    price:
      r.price_minor === null
        ? null
        : { amountMinor: toSafeInteger(r.price_minor, "price_minor"), currency: "CNY" },
  };
}

/** The default engine: the search rows are written in each change's own transaction. */
export const postgresEngine: SearchEngine = {
  name: "postgres",
  search: searchPostgres,
  async upsert() {},
  async remove() {},
};
