import { sql, type SQL } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { cjkBigrams, cjkRuns, latinWords } from "./cjk";
import type { SearchEngine } from "./engine";
import {
  effectiveSort,
  facetNames,
  type CatalogueQuery,
  type Facets,
  type SearchHit,
  type SearchResult,
} from "./query";

// A misspelt word is replaced by its nearest lexicon words (trigram similarity ≥ this).
const TYPO_SIMILARITY = 0.3;
const TYPO_ALTERNATIVES = 3;

/**
 * One query word as a tsquery group: itself (a prefix if it is the last, still being typed) or,
 * when the lexicon does not know it, its nearest known words by trigram similarity.
 */
async function wordGroup(w: string, isLast: boolean): Promise<string> {
  const self = isLast && w.length >= 3 ? `'${w}':*` : `'${w}'`;
  if (w.length < 4 || /^\d+$/.test(w)) return self;
  const near = await selectRows<{ word: string }>(
    await getDb(),
    sql`select word from search_lexicon where word % ${w} and similarity(word, ${w}) >= ${TYPO_SIMILARITY}
        order by word <-> ${w} limit ${TYPO_ALTERNATIVES + 1}`,
  );
  if (near.some((n) => n.word === w)) return self;
  return `(${[self, ...near.slice(0, TYPO_ALTERNATIVES).map((n) => `'${n.word}'`)].join(" | ")})`;
}

/** The k bigrams found in fewest documents (unknown ones first: they cost nothing to look up). */
async function rarest(bigrams: string[], k: number): Promise<string[]> {
  const rows = await selectRows<{ word: string; doc_count: number }>(
    await getDb(),
    sql`select word, doc_count from search_lexicon where word in ${bigrams}`,
  );
  const count = new Map(rows.map((r) => [r.word, Number(r.doc_count)]));
  return [...bigrams].sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0)).slice(0, k);
}

/** Lower-cased Latin tokens of any length (latinWords drops one-character ones). */
function latinTokens(q: string): string[] {
  return (
    q
      .normalize("NFKC")
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

// `titleFirst`: a narrower condition whose rows all rank above every other match, so a page
// found entirely within it is the page (see runQuery).
type TextMatch = { where: SQL; rank: SQL; titleFirst?: SQL };

/**
 * Query text → SQL match conditions: `strict` (every word, every bigram — selective, so fast)
 * and, where it differs, `tolerant` (a word or a character may be wrong), which the search uses
 * only when the strict one finds nothing.
 */
async function textMatch(
  q: string,
): Promise<{ strict: TextMatch; tolerant: TextMatch | null } | null> {
  const words = latinWords(q);
  // One-character runs come back from cjkBigrams as themselves; they are matched in titles below.
  const bigrams = [...new Set(cjkBigrams(q))].filter((b) => Array.from(b).length === 2);
  const singles = cjkRuns(q).filter((r) => Array.from(r).length === 1);
  if (words.length === 0 && bigrams.length === 0 && singles.length === 0) return null;

  const groups = await Promise.all(words.map((w, i) => wordGroup(w, i === words.length - 1)));
  const strictParts: SQL[] = [];
  const tolerantParts: SQL[] = [];
  const strictRanks: SQL[] = [];
  const tolerantRanks: SQL[] = [];
  if (groups.length > 0) {
    // Cast, not to_tsquery(): lexemes are taken as they are, with no parser or dictionary.
    const all = sql`${groups.join(" & ")}::tsquery`;
    strictParts.push(sql`words @@ ${all}`);
    strictRanks.push(sql`ts_rank(words, ${all})`);
    // From three words on, one may miss (a typo no correction caught).
    const each = groups.map((g) => sql`(words @@ ${g}::tsquery)::int`);
    const any = sql`${groups.join(" | ")}::tsquery`;
    const need = words.length >= 3 ? words.length - 1 : words.length;
    tolerantParts.push(sql`(words @@ ${any} and (${sql.join(each, sql` + `)}) >= ${need})`);
    tolerantRanks.push(
      sql`(${sql.join(each, sql` + `)})::float4 / ${words.length}`,
      sql`ts_rank(words, ${any})`,
    );
  }
  if (bigrams.length > 0) {
    strictParts.push(sql`cjk @@ ${bigrams.map((b) => `'${b}'`).join(" & ")}::tsquery`);
    // All but two bigrams may do: one wrong character breaks the two bigrams it is part of
    // (数据结购 still shares 数据 and 据结 with 数据结构).
    const need = bigrams.length <= 2 ? bigrams.length : Math.max(2, bigrams.length - 2);
    // A row missing at most two bigrams has at least one of any three: look up candidates by
    // the three rarest, so a common bigram (大学) does not pull in the whole catalogue.
    const rare = bigrams.length <= 3 ? bigrams : await rarest(bigrams, 3);
    const any = sql`${rare.map((b) => `'${b}'`).join(" | ")}::tsquery`;
    const matched = sql.join(
      bigrams.map((b) => sql`(cjk @@ ${`'${b}'`}::tsquery)::int`),
      sql` + `,
    );
    tolerantParts.push(sql`(cjk @@ ${any} and (${matched}) >= ${need})`);
    tolerantRanks.push(
      sql`(${matched})::float4 / ${bigrams.length}`,
      // Among titles sharing as many bigrams, the one closest to the query as a whole wins.
      sql`similarity(title_zh, ${q.trim()})`,
    );
  }
  for (const c of singles) {
    strictParts.push(sql`title_text like ${`%${c}%`}`);
    tolerantParts.push(sql`title_text like ${`%${c}%`}`);
  }
  const phrase = q.trim().toLowerCase();
  const bonuses: SQL[] = [
    // Featured resources first among equals, then shorter titles (closer to what was typed).
    sql`(case when is_featured then 0.5::float8 else 0 end)`,
    sql`(1.0::float8 / (10 + length(title_text)))`,
    // A title equal to the query beats titles that merely contain it.
    sql`(case when lower(title_zh) = ${phrase} or lower(title_en) = ${phrase} then 3::float8 else 0 end)`,
    sql`(case when title_text like ${`%${phrase.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} then 2::float8 else 0 end)`,
    // Single letters and digits ("Physics B") rank titles that have them as words.
    ...latinTokens(q)
      .filter((x) => x.length === 1)
      .map((t) => sql`(case when title_text ~ ${`\\m${t}\\M`} then 0.5::float8 else 0 end)`),
  ];
  const make = (parts: SQL[], ranks: SQL[]): TextMatch => ({
    where: sql.join(parts, sql` and `),
    rank: sql.join([sql`0::float8`, ...ranks, ...bonuses], sql` + `),
  });
  const differs = words.length >= 3 || bigrams.length >= 3;
  const strict = make(strictParts, strictRanks);
  // A lone two-character query: titles containing it get the +2 bonus and outrank all else.
  if (words.length === 0 && singles.length === 0 && bigrams.length === 1) {
    strict.titleFirst = sql`cjk_title @@ ${`'${bigrams[0]}'`}::tsquery`;
  }
  return {
    strict,
    tolerant: differs ? make(tolerantParts, tolerantRanks) : null,
  };
}

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
  credits_x100: number;
  level: number;
  field_code: string;
  price_minor: number | null;
};

type FacetRow = {
  kind: string | null;
  field_broad: string | null;
  level: string | null;
  institution_slug: string | null;
  delivery_mode: string | null;
  is_free: string | null;
  languages: string[] | null;
  n: number;
  g: number;
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
    const n = Number(r.n);
    // grouping() has a 0 bit for the one column this row groups by (bit 6 = kind … bit 0 = languages).
    const g = Number(r.g);
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
    creditsX100: Number(r.credits_x100),
    level: Number(r.level),
    fieldCode: r.field_code,
    price: r.price_minor === null ? null : { amountMinor: Number(r.price_minor), currency: "CNY" },
  };
}

/** The default engine: the search rows are written in each change's own transaction. */
export const postgresEngine: SearchEngine = {
  name: "postgres",
  search: searchPostgres,
  async upsert() {},
  async remove() {},
};
