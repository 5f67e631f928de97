import { sql, type SQL } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { textMatch, type TextMatch } from "./postgres-text";
import type { SearchEngine } from "./engine";
import { countFacets, filters, whereOf } from "./postgres-facets";
import { effectiveSort, type CatalogueQuery, type SearchHit, type SearchResult } from "./query";

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
  const list = filters(query);
  const conds = [...list.map((f) => f.cond), ...(text ? [text.where] : [])];
  const where = whereOf(conds);
  const rank = text?.rank ?? sql`0`;
  const offset = (query.page - 1) * query.pageSize;

  const order = orderBy[effectiveSort(query)];
  // The page and the facets in parallel (2 cores): without words to match both can read
  // index-only from catalogue_search_filter_cover. (One materialised scan feeding both was slower.)
  const page = (w: SQL) =>
    selectRows<HitRow>(
      db,
      sql`select ${hitColumns}, ${rank} as rank from catalogue_search ${w}
          order by ${order} limit ${query.pageSize} offset ${offset}`,
    );
  const titleFirst =
    text?.titleFirst && effectiveSort(query) === "relevance"
      ? whereOf([...conds, text.titleFirst])
      : null;
  const [firstTry, { facets, total }] = await Promise.all([
    page(titleFirst ?? where),
    countFacets(db, list, text?.where ?? null),
  ]);
  // A full page from the title matches is exact; a short one may need the other matches too.
  const hits = titleFirst && firstTry.length < query.pageSize ? await page(where) : firstTry;

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
