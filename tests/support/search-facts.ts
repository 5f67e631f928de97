import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import type { SearchEngine } from "@/lib/search/engine";
import { facetNames, type CatalogueQuery, type FacetName, type Facets } from "@/lib/search/query";

/*
 * What the search suite checks engines against: each live resource's facts read straight from
 * resources, versions, institutions and offers (not from catalogue_search, which the PostgreSQL
 * engine searches), and the filter and facet rules written out again independently.
 */

export type Fact = {
  id: string;
  slug: string;
  kind: string;
  fieldCode: string;
  level: number;
  creditsX100: number;
  price: number | null;
  languages: string[];
  delivery: string;
  institution: string;
};

/** Facts of the live resources (all, or those with the given ids). */
export async function loadFacts(ids?: string[]): Promise<Fact[]> {
  if (ids && ids.length === 0) return [];
  const rows = await selectRows<Record<string, unknown>>(
    await getDb(),
    sql`select r.id, r.slug, r.kind, v.field_code, v.level, v.credits_x100, o.amount_minor,
               v.languages, v.delivery_mode, i.slug as institution
        from resources r
        join resource_versions v on v.id = r.live_version_id
        join institutions i on i.id = r.institution_id
        left join resource_offers o on o.resource_id = r.id and o.kind = 'learner'
        where r.status = 'published' and i.status = 'member'
          ${ids ? sql`and r.id in ${ids}` : sql``}`,
  );
  return rows.map((r) => ({
    id: String(r.id),
    slug: String(r.slug),
    kind: String(r.kind),
    fieldCode: String(r.field_code),
    level: Number(r.level),
    creditsX100: Number(r.credits_x100),
    price: r.amount_minor === null ? null : Number(r.amount_minor),
    languages: r.languages as string[],
    delivery: String(r.delivery_mode),
    institution: String(r.institution),
  }));
}

/** The facet value(s) a resource counts under. */
export function facetValues(f: Fact, facet: FacetName): string[] {
  switch (facet) {
    case "kind":
      return [f.kind];
    case "fieldBroad":
      return [f.fieldCode.slice(0, 2)];
    case "level":
      return [String(f.level)];
    case "institution":
      return [f.institution];
    case "delivery":
      return [f.delivery];
    case "language":
      return f.languages;
    case "free":
      return [String(f.price === 0)];
  }
}

// Each filter of a query: its name, the facet whose selection it is, and whether a resource passes.
type Check = { name: keyof CatalogueQuery; facet: FacetName | null; pass: (f: Fact) => boolean };

function checks(q: CatalogueQuery): Check[] {
  const c: Check[] = [];
  const add = (name: Check["name"], facet: FacetName | null, pass: Check["pass"]) =>
    c.push({ name, facet, pass });
  const field = q.field;
  if (field) add("field", "fieldBroad", (f) => f.fieldCode.startsWith(field));
  if (q.level !== undefined) add("level", "level", (f) => f.level === q.level);
  if (q.levelMin !== undefined) add("levelMin", null, (f) => f.level >= q.levelMin!);
  if (q.levelMax !== undefined) add("levelMax", null, (f) => f.level <= q.levelMax!);
  if (q.creditsMin !== undefined) add("creditsMin", null, (f) => f.creditsX100 >= q.creditsMin!);
  if (q.creditsMax !== undefined) add("creditsMax", null, (f) => f.creditsX100 <= q.creditsMax!);
  // A resource without a learner price has no price to compare: price ranges exclude it.
  if (q.priceMin !== undefined)
    add("priceMin", null, (f) => f.price !== null && f.price >= q.priceMin!);
  if (q.priceMax !== undefined)
    add("priceMax", null, (f) => f.price !== null && f.price <= q.priceMax!);
  if (q.institution) add("institution", "institution", (f) => f.institution === q.institution);
  if (q.kind) add("kind", "kind", (f) => f.kind === q.kind);
  const language = q.language;
  if (language) add("language", "language", (f) => f.languages.includes(language));
  if (q.delivery) add("delivery", "delivery", (f) => f.delivery === q.delivery);
  if (q.free !== undefined) add("free", "free", (f) => (f.price === 0) === q.free);
  return c;
}

/** The filters of `q` a resource fails (empty when it satisfies them all). */
export function failedFilters(q: CatalogueQuery, f: Fact): string[] {
  return checks(q)
    .filter((c) => !c.pass(f))
    .map((c) => c.name);
}

/** Does the resource pass every filter of `q` except the selection of facet `except`? */
export function passes(q: CatalogueQuery, f: Fact, except?: FacetName): boolean {
  return checks(q).every((c) => (except !== undefined && c.facet === except) || c.pass(f));
}

/** Facets whose selection `q` sets. */
export function selectedFacets(q: CatalogueQuery): FacetName[] {
  const list = checks(q);
  return facetNames.filter((n) => list.some((c) => c.facet === n));
}

/** The counts of one facet over a set of resources. */
export function countFacet(facts: Fact[], facet: FacetName): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of facts) for (const v of facetValues(f, facet)) out[v] = (out[v] ?? 0) + 1;
  return out;
}

/** Facets as the disjunctive rule defines them, over resources whose text matched. */
export function expectedFacets(q: CatalogueQuery, matched: Fact[]): Facets {
  const entries = facetNames.map((n) => [
    n,
    countFacet(
      matched.filter((f) => passes(q, f, selectedFacets(q).includes(n) ? n : undefined)),
      n,
    ),
  ]);
  return Object.fromEntries(entries) as Facets;
}

/** Every hit of a query, page by page (the suite's corpus keeps these to a few hundred). */
export async function allHitIds(engine: SearchEngine, q: CatalogueQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= 50; page++) {
    const r = await engine.search({ ...q, page, pageSize: 100 });
    ids.push(...r.hits.map((h) => h.id));
    if (ids.length >= r.total || r.hits.length === 0) break;
  }
  return ids;
}
