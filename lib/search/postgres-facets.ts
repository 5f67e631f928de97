import { sql, type SQL } from "drizzle-orm";
import { selectRows, type DbOrTx } from "@/db";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { facetNames, type CatalogueQuery, type FacetName, type Facets } from "./query";

/* Filters and facet counts of the PostgreSQL engine (lib/search/postgres.ts). */

/** One filter condition over catalogue_search, and the facet whose selection it is (if any). */
export type Filter = { facet: FacetName | null; cond: SQL };

/**
 * The query's filters (all but text). `level` is the level facet's selection; the level, credit
 * and price ranges belong to no facet, so they narrow every facet's counts.
 */
export function filters(q: CatalogueQuery): Filter[] {
  const f: Filter[] = [];
  const add = (facet: FacetName | null, cond: SQL) => f.push({ facet, cond });
  if (q.field)
    add(
      "fieldBroad",
      q.field.length === 2 ? sql`field_broad = ${q.field}` : sql`field_code = ${q.field}`,
    );
  if (q.level !== undefined) add("level", sql`level = ${q.level}`);
  if (q.levelMin !== undefined) add(null, sql`level >= ${q.levelMin}`);
  if (q.levelMax !== undefined) add(null, sql`level <= ${q.levelMax}`);
  if (q.creditsMin !== undefined) add(null, sql`credits_x100 >= ${q.creditsMin}`);
  if (q.creditsMax !== undefined) add(null, sql`credits_x100 <= ${q.creditsMax}`);
  if (q.priceMin !== undefined) add(null, sql`price_minor >= ${q.priceMin}`);
  if (q.priceMax !== undefined) add(null, sql`price_minor <= ${q.priceMax}`);
  if (q.institution) add("institution", sql`institution_slug = ${q.institution}`);
  if (q.kind) add("kind", sql`kind = ${q.kind}`);
  if (q.language) add("language", sql`languages @> array[${q.language}]::text[]`);
  if (q.delivery) add("delivery", sql`delivery_mode = ${q.delivery}`);
  if (q.free !== undefined) add("free", sql`is_free = ${q.free}`);
  return f;
}

export const whereOf = (conds: SQL[]) =>
  conds.length > 0 ? sql`where ${sql.join(conds, sql` and `)}` : sql``;

// The column each facet groups by.
const groupColumns: Record<FacetName, string> = {
  kind: "kind",
  fieldBroad: "field_broad",
  level: "level",
  institution: "institution_slug",
  delivery: "delivery_mode",
  free: "is_free",
  language: "languages",
};

/** Counts of one facet over the rows `where` selects (a language counts once per resource). */
function oneFacetSql(facet: FacetName, where: SQL): SQL {
  if (facet === "language")
    return sql`select l as value, count(*)::int as n
               from catalogue_search cross join lateral unnest(languages) as l ${where} group by l`;
  const column = sql.raw(groupColumns[facet]);
  return sql`select ${column}::text as value, count(*)::int as n
             from catalogue_search ${where} group by 1`;
}

/**
 * Facet counts, disjunctive: a facet with a selection counts the rows matching everything but
 * its own selection (what choosing another value instead would give); every other facet counts
 * the result set. One grouping-sets pass over the result set, plus one single-column pass per
 * facet with a selection, all in parallel. `total` is the size of the result set.
 */
export async function countFacets(
  db: DbOrTx,
  list: Filter[],
  text: SQL | null,
): Promise<{ facets: Facets; total: number }> {
  const textConds = text ? [text] : [];
  const all = [...list.map((f) => f.cond), ...textConds];
  const selected = facetNames.filter((n) => list.some((f) => f.facet === n));
  // Facets with a selection are counted by their own pass; kind always here: the total is its sum.
  const grouped = facetNames.filter((n) => n === "kind" || !selected.includes(n));
  const columns = grouped.map((n) => groupColumns[n]);
  const [rows, ...own] = await Promise.all([
    selectRows<Record<string, unknown>>(
      db,
      sql`select ${sql.raw(columns.map((c) => (c === "languages" ? c : `${c}::text as ${c}`)).join(", "))},
                 count(*)::int as n, grouping(${sql.raw(columns.join(", "))}) as g
          from catalogue_search ${whereOf(all)}
          group by grouping sets (${sql.raw(columns.map((c) => `(${c})`).join(", "))})`,
    ),
    ...selected.map((n) =>
      selectRows<{ value: string; n: SqlInteger }>(
        db,
        oneFacetSql(
          n,
          whereOf([...list.filter((f) => f.facet !== n).map((f) => f.cond), ...textConds]),
        ),
      ),
    ),
  ]);

  const facets = Object.fromEntries(
    facetNames.map((n) => [n, {} as Record<string, number>]),
  ) as Facets;
  let total = 0;
  for (const r of rows) {
    const n = toSafeInteger(r.n as SqlInteger, "facet count");
    // grouping() has a 0 bit for the one column a row groups by (the first column is the highest bit).
    const g = toSafeInteger(r.g as SqlInteger, "grouping");
    const name = grouped.find((_, i) => !(g & (1 << (grouped.length - 1 - i))))!;
    const value = r[groupColumns[name]];
    if (name === "kind") total += n;
    if (selected.includes(name)) continue;
    if (name === "language")
      for (const l of (value as string[] | null) ?? [])
        facets.language[l] = (facets.language[l] ?? 0) + n;
    else facets[name][String(value)] = n;
  }
  selected.forEach((name, i) => {
    for (const r of own[i] ?? []) facets[name][r.value] = toSafeInteger(r.n, "facet count");
  });
  return { facets, total };
}
