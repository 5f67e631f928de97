import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { getEnv } from "@/lib/env";
import { loadSearchDocuments } from "@/lib/search/documents";
import type { SearchEngine } from "@/lib/search/engine";
import { postgresEngine } from "@/lib/search/postgres";
import { catalogueQuerySchema, type CatalogueQuery, type SearchHit } from "@/lib/search/query";
import { goldenQueries, type Golden } from "../support/golden-queries";
import { loadSearchCorpus } from "../support/search-corpus";

// As in a URL: booleans travel as "true"/"false".
const q = (raw: Record<string, unknown>): CatalogueQuery =>
  catalogueQuerySchema.parse(
    Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : v]),
    ),
  );

function matches(hit: SearchHit, e: Golden["expect"]): boolean {
  if (e.slug) return hit.slug === e.slug;
  const titles = [hit.titleZh, hit.titleEn].map((t) => t.toLowerCase());
  if (e.title) return titles.includes(e.title.toLowerCase());
  return titles.some((t) => t.includes(e.titleIncludes!.toLowerCase()));
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
}, 300_000);

describe("[SEARCH] engine contract", () => {
  it("every engine answers the golden set with a top-3 hit rate of at least 90% per kind", async () => {
    expect(goldenQueries.length).toBeGreaterThanOrEqual(80);
    for (const engine of all) {
      const byKind = new Map<string, { hits: number; total: number; misses: string[] }>();
      for (const g of goldenQueries) {
        const result = await engine.search(q(g.query));
        const hit = result.hits.slice(0, 3).some((h) => matches(h, g.expect));
        const k = byKind.get(g.kind) ?? { hits: 0, total: 0, misses: [] };
        k.total++;
        if (hit) k.hits++;
        else k.misses.push(JSON.stringify(g.query));
        byKind.set(g.kind, k);
      }
      let hits = 0;
      for (const [kind, k] of byKind) {
        hits += k.hits;
        console.log(
          `search contract [${engine.name}] ${kind}: ${k.hits}/${k.total}${k.misses.length ? ` missed ${k.misses.join(" ")}` : ""}`,
        );
        expect(
          k.hits / k.total,
          `${engine.name} ${kind}: missed ${k.misses.join(" ")}`,
        ).toBeGreaterThanOrEqual(0.9);
      }
      console.log(`search contract [${engine.name}] overall: ${hits}/${goldenQueries.length}`);
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

  it("facet counts equal plain SQL over the source tables, for random filter combinations", async () => {
    const db = await getDb();
    const arbitraryQuery = fc.record(
      {
        institution: fc.constantFrom("ustc", "sjtu", "ouchn", "cflp", "csia"),
        kind: fc.constantFrom(
          "course",
          "micro_credential",
          "certificate_programme",
          "learning_resource",
        ),
        levelMin: fc.integer({ min: 1, max: 10 }),
        creditsMax: fc.integer({ min: 0, max: 600 }),
        field: fc.constantFrom("04", "05", "06", "07", "041", "061"),
        delivery: fc.constantFrom("online", "blended", "in_person"),
        free: fc.boolean(),
        q: fc.constantFrom("", "管理", "数据", "Environmental", "安全"),
      },
      { requiredKeys: [] },
    );
    for (const engine of all) {
      await fc.assert(
        fc.asyncProperty(arbitraryQuery, async (raw) => {
          const query = q({ ...raw, pageSize: 1 });
          const result = await engine.search(query);
          // The same filters, written independently against resources, versions and offers.
          const conds = [sql`r.status = 'published'`, sql`i.status = 'member'`];
          if (raw.institution) conds.push(sql`i.slug = ${raw.institution}`);
          if (raw.kind) conds.push(sql`r.kind = ${raw.kind}`);
          if (raw.levelMin !== undefined) conds.push(sql`v.level >= ${raw.levelMin}`);
          if (raw.creditsMax !== undefined) conds.push(sql`v.credits_x100 <= ${raw.creditsMax}`);
          if (raw.field) conds.push(sql`v.field_code like ${`${raw.field}%`}`);
          if (raw.delivery) conds.push(sql`v.delivery_mode = ${raw.delivery}`);
          if (raw.free !== undefined)
            conds.push(
              raw.free
                ? sql`o.amount_minor = 0`
                : sql`(o.amount_minor is null or o.amount_minor > 0)`,
            );
          const rows = await selectRows<{ id: string; kind: string; level: number; inst: string }>(
            db,
            sql`select r.id, r.kind, v.level, i.slug as inst from resources r
                join resource_versions v on v.id = r.live_version_id
                join institutions i on i.id = r.institution_id
                left join resource_offers o on o.resource_id = r.id and o.kind = 'learner'
                where ${sql.join(conds, sql` and `)}`,
          );
          if (raw.q) {
            // Text matching is the engine's own: check its counts are a consistent subset.
            expect(Object.values(result.facets.kind).reduce((a, b) => a + b, 0)).toBe(result.total);
            expect(result.total).toBeLessThanOrEqual(rows.length);
            const ids = new Set(rows.map((r) => r.id));
            const page = await engine.search({ ...query, pageSize: 100 });
            expect(page.hits.every((h) => ids.has(h.id))).toBe(true);
            return;
          }
          const count = (key: (r: (typeof rows)[number]) => string) =>
            rows.reduce<Record<string, number>>(
              (acc, r) => ({ ...acc, [key(r)]: (acc[key(r)] ?? 0) + 1 }),
              {},
            );
          expect(result.total).toBe(rows.length);
          expect(result.facets.kind).toEqual(count((r) => r.kind));
          expect(result.facets.level).toEqual(count((r) => String(r.level)));
          expect(result.facets.institution).toEqual(count((r) => r.inst));
        }),
        { numRuns: 40 },
      );
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
