import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { getEnv } from "@/lib/env";
import { loadSearchDocuments } from "@/lib/search/documents";
import type { SearchEngine } from "@/lib/search/engine";
import { postgresEngine } from "@/lib/search/postgres";
import {
  catalogueQuerySchema,
  facetNames,
  type CatalogueQuery,
  type FacetName,
} from "@/lib/search/query";
import { goldenQueries, type Golden } from "../support/golden-queries";
import { loadSearchCorpus } from "../support/search-corpus";
import {
  allHitIds,
  expectedFacets,
  failedFilters,
  loadFacts,
  selectedFacets,
} from "../support/search-facts";

// As in a URL: booleans travel as "true"/"false".
const q = (raw: Record<string, unknown>): CatalogueQuery =>
  catalogueQuerySchema.parse(
    Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : v]),
    ),
  );

/** Why the top 3 misses the expectation, or null when it meets it. */
function miss(top3: string[], e: Golden["expect"]): string | null {
  if ("top3" in e) {
    const missing = e.top3.filter((slug) => !top3.includes(slug));
    return missing.length === 0 ? null : `missing ${missing.join(", ")}`;
  }
  return e.oneOf.some((slug) => top3.includes(slug)) ? null : "none of the expected";
}

async function engines(): Promise<SearchEngine[]> {
  const list: SearchEngine[] = [postgresEngine];
  const { MEILISEARCH_URL, MEILISEARCH_API_KEY } = getEnv();
  if (!MEILISEARCH_URL) {
    console.log(
      "search contract: Meilisearch SKIPPED (set MEILISEARCH_URL to run the suite against a server)",
    );
    return list;
  }
  const { createMeilisearchEngine, configureIndex } = await import("@/lib/search/meilisearch");
  const index = `contract_${Date.now()}`;
  await configureIndex(MEILISEARCH_URL, MEILISEARCH_API_KEY, index);
  const meili = createMeilisearchEngine(MEILISEARCH_URL, MEILISEARCH_API_KEY, index);
  const db = await getDb();
  const ids = (
    await selectRows<{ id: string }>(db, sql`select resource_id as id from catalogue_search`)
  ).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 1000)
    await meili.upsert(await loadSearchDocuments(db, ids.slice(i, i + 1000)));
  list.push(meili);
  return list;
}

let all: SearchEngine[] = [];

beforeAll(async () => {
  await loadSearchCorpus();
  all = await engines();
}, 600_000);

describe("[SEARCH] engine contract", () => {
  it("every engine puts the expected resources (by slug) in the top 3 of every golden query, and every hit satisfies the query's filters", async () => {
    expect(goldenQueries.length).toBeGreaterThanOrEqual(95);
    const filterNames = new Set(
      goldenQueries.flatMap((g) => Object.keys(g.query).filter((k) => k !== "q" && k !== "sort")),
    );
    // The filter queries use every filter there is.
    expect([...filterNames].sort()).toEqual(
      [
        ...["creditsMax", "creditsMin", "delivery", "field", "free", "institution", "kind"],
        ...["language", "level", "levelMax", "levelMin", "priceMax", "priceMin"],
      ].sort(),
    );
    for (const engine of all) {
      const misses: string[] = [];
      const byKind = new Map<string, { hits: number; total: number }>();
      for (const g of goldenQueries) {
        const query = q(g.query);
        const result = await engine.search(query);
        const top3 = result.hits.slice(0, 3).map((h) => h.slug);
        const why = miss(top3, g.expect);
        const k = byKind.get(g.kind) ?? { hits: 0, total: 0 };
        k.total++;
        if (why) misses.push(`${JSON.stringify(g.query)}: ${why} (top 3: ${top3.join(", ")})`);
        else k.hits++;
        byKind.set(g.kind, k);
        // Each filter held for each hit, checked on the source rows.
        expect(result.hits.length, JSON.stringify(g.query)).toBeGreaterThan(0);
        for (const fact of await loadFacts(result.hits.map((h) => h.id))) {
          const failed = failedFilters(query, fact);
          expect(failed, `${engine.name} ${JSON.stringify(g.query)}: ${fact.slug}`).toEqual([]);
        }
      }
      for (const [kind, k] of byKind)
        console.log(`search contract [${engine.name}] ${kind}: ${k.hits}/${k.total}`);
      expect(misses, `${engine.name} missed golden queries`).toEqual([]);
    }
  });

  it("finds Chinese inside words, and Chinese and English typos, as the product promises", async () => {
    for (const engine of all) {
      const titles = async (text: string) =>
        (await engine.search(q({ q: text, pageSize: 100 }))).hits.map((h) => h.titleZh);
      expect(await titles("会计"), engine.name).toContain("管理会计学");
      expect(
        (await titles("数据结购")).some((t) => t.includes("数据结构")),
        engine.name,
      ).toBe(true);
      const en = (await engine.search(q({ q: "Managment Accounting" }))).hits.map((h) => h.titleEn);
      expect(en, engine.name).toContain("Management Accounting");
    }
  });

  it("every hit satisfies every filter, and sorts are honoured", async () => {
    for (const engine of all) {
      const r = await engine.search(
        q({
          institution: "ustc",
          levelMin: 7,
          creditsMin: 200,
          sort: "credits_desc",
          pageSize: 50,
        }),
      );
      expect(r.total).toBeGreaterThan(0);
      for (const h of r.hits) {
        expect(h.institutionSlug).toBe("ustc");
        expect(h.level).toBeGreaterThanOrEqual(7);
        expect(h.creditsX100).toBeGreaterThanOrEqual(200);
      }
      const credits = r.hits.map((h) => h.creditsX100);
      expect(credits).toEqual([...credits].sort((a, b) => b - a));
      const priced = await engine.search(q({ sort: "price_asc", free: false, pageSize: 30 }));
      const prices = priced.hits.map((h) => h.price?.amountMinor ?? Infinity);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(priced.hits.every((h) => h.price === null || h.price.amountMinor > 0)).toBe(true);
    }
  });

  it("pages through results without repeats", async () => {
    for (const engine of all) {
      const a = await engine.search(
        q({ institution: "sjtu", sort: "newest", page: 1, pageSize: 25 }),
      );
      const b = await engine.search(
        q({ institution: "sjtu", sort: "newest", page: 2, pageSize: 25 }),
      );
      const ids = [...a.hits, ...b.hits].map((h) => h.id);
      expect(new Set(ids).size).toBe(50);
      expect(a.total).toBe(b.total);
    }
  });

  it("facet counts are disjunctive, for every facet, over random queries built from the corpus", async () => {
    const facts = await loadFacts();
    const byId = new Map(facts.map((f) => [f.id, f]));
    const han = (t: string) => /\p{Script=Han}{2}/u.exec(t)?.[0] ?? "";
    const titles = new Map(
      (
        await selectRows<{ id: string; title: string }>(
          await getDb(),
          sql`select r.id, v.title_zh as title from resources r
              join resource_versions v on v.id = r.live_version_id`,
        )
      ).map((r) => [r.id, r.title]),
    );
    // A query built from one resource's own values, so at least that resource matches it.
    const keys = [
      ...["kind", "field", "fieldCode", "level", "institution", "language", "delivery", "free"],
      ...["levelMin", "creditsMax", "priceMax", "text"],
    ] as const;
    const arbitraryQuery = fc
      .record({
        seed: fc.nat({ max: facts.length - 1 }),
        keys: fc.subarray([...keys], { minLength: 1 }),
        language: fc.nat(),
      })
      .map(({ seed, keys: chosen, language }) => {
        const f = facts[seed]!;
        const raw: Record<string, unknown> = {};
        for (const k of chosen) {
          if (k === "kind") raw.kind = f.kind;
          if (k === "field") raw.field = f.fieldCode.slice(0, 2);
          if (k === "fieldCode") raw.field = f.fieldCode;
          if (k === "level") raw.level = f.level;
          if (k === "institution") raw.institution = f.institution;
          if (k === "language") raw.language = f.languages[language % f.languages.length];
          if (k === "delivery") raw.delivery = f.delivery;
          if (k === "free") raw.free = f.price === 0;
          if (k === "levelMin") raw.levelMin = f.level;
          if (k === "creditsMax") raw.creditsMax = f.creditsX100;
          if (k === "priceMax" && f.price !== null) raw.priceMax = f.price;
          if (k === "text") raw.q = han(titles.get(f.id) ?? "");
        }
        return { raw, seed: f };
      });
    for (const engine of all) {
      const selectedSeen = new Set<FacetName>();
      await fc.assert(
        fc.asyncProperty(arbitraryQuery, async ({ raw, seed }) => {
          const query = q({ ...raw, pageSize: 1 });
          const result = await engine.search(query);
          const matched = async (qq: CatalogueQuery) =>
            (await allHitIds(engine, qq)).map((id) => byId.get(id)!);
          // Not vacuous: the resource the query was built from is a hit.
          expect(result.total).toBeGreaterThan(0);
          const hits = await matched(query);
          expect(hits.map((h) => h.id)).toContain(seed.id);
          expect(hits).toHaveLength(result.total);
          // Text matching is the engine's own: without text, every live resource is a candidate.
          const candidates = query.q ? await matched(q({ q: query.q, pageSize: 1 })) : facts;
          const expected = expectedFacets(query, candidates);
          for (const name of facetNames)
            expect(result.facets[name], `${engine.name} ${name} ${JSON.stringify(raw)}`).toEqual(
              expected[name],
            );
          // The disjunctive rule through the engine itself: a selected facet's counts are those
          // of the same search without that selection.
          for (const name of selectedFacets(query)) {
            selectedSeen.add(name);
            const param = name === "fieldBroad" ? "field" : name;
            const without = await engine.search({ ...query, [param]: undefined });
            expect(result.facets[name], `${engine.name} ${name}`).toEqual(without.facets[name]);
          }
        }),
        { numRuns: 60 },
      );
      // Every facet was selected in some run.
      expect([...selectedSeen].sort()).toEqual([...facetNames].sort());
    }
  });

  it("refuses bad queries by name: unknown sort, absurd page, wrong types", () => {
    for (const [raw, field] of [
      [{ sort: "cheapest" }, "sort"],
      [{ page: 1e9 }, "page"],
      [{ page: 500, pageSize: 100 }, "page"],
      [{ level: "high" }, "level"],
      [{ creditsMin: -1 }, "creditsMin"],
      [{ field: "6'; drop table resources;--" }, "field"],
      [{ creditsMin: 500, creditsMax: 100 }, "creditsMax"],
      [{ colour: "blue" }, ""],
    ] as const) {
      const r = catalogueQuerySchema.safeParse(raw);
      expect(r.success, JSON.stringify(raw)).toBe(false);
      if (!r.success && field) expect(r.error.issues.map((i) => i.path.join("."))).toContain(field);
    }
  });
});
