import {
  Meilisearch,
  MeilisearchApiError,
  type SearchParams,
  type Settings,
  type Task,
} from "meilisearch";
import { cjkBigrams } from "./cjk";
import type { SearchDocument, SearchEngine } from "./engine";
import {
  type CatalogueQuery,
  effectiveSort,
  type FacetName,
  type Facets,
  MAX_RESULT_WINDOW,
  type SearchHit,
  type SortKey,
} from "./query";

/**
 * The Meilisearch engine (used when MEILISEARCH_URL is set); the only importer of `meilisearch`.
 * Speaks our SearchEngine types in and out; every Meilisearch failure becomes a plain Error,
 * since it is the server's trouble, never the visitor's input.
 */

/** What is stored per resource: our document plus fields only this engine needs. */
export type MeilisearchDocument = SearchDocument & {
  // Meilisearch sorts strings lexicographically; a number sorts by time whatever the ISO format.
  publishedAtMs: number;
  // Meilisearch matches word prefixes only, so 会计 must be a whole token to find 管理会计学.
  cjkBigrams: string[];
};

const bigramSources = ["titleZh", "summaryZh", "outcomesText", "institutionNameZh"] as const;

export const indexSettings = {
  searchableAttributes: [
    "titleZh",
    "titleEn",
    "cjkBigrams",
    "summaryZh",
    "summaryEn",
    "outcomesText",
    "institutionNameZh",
    "institutionNameEn",
  ],
  filterableAttributes: [
    "fieldCode",
    "fieldBroad",
    "level",
    "creditsX100",
    "priceMinor",
    "isFree",
    "institutionSlug",
    "kind",
    "languages",
    "deliveryMode",
  ],
  sortableAttributes: ["publishedAtMs", "priceMinor", "creditsX100", "id"],
  // Meilisearch's default order with "sort" moved first: a chosen sort (price, credits, newest)
  // orders all matches, as on PostgreSQL, instead of only breaking relevance ties. Without a
  // sort parameter the rule does nothing, so relevance is unchanged.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  typoTolerance: { enabled: true },
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: MAX_RESULT_WINDOW },
} satisfies Settings;

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
type StoredHit = Pick<MeilisearchDocument, (typeof hitAttributes)[number]>;

// Reads answer a page view: fail fast. Task waits cover indexing, which can take a while.
const REQUEST_TIMEOUT_MS = 10_000;
const WRITE_WAIT = { timeout: 60_000, interval: 100 };
const SETTINGS_WAIT = { timeout: 10 * 60_000, interval: 250 };

export function toMeilisearchDocument(doc: SearchDocument): MeilisearchDocument {
  const bigrams = new Set(bigramSources.flatMap((f) => cjkBigrams(doc[f])));
  return { ...doc, publishedAtMs: Date.parse(doc.publishedAt), cjkBigrams: [...bigrams] };
}

/** The text sent as `q`: what was typed, then its Han bigrams so they meet the bigram field. */
export function toMeilisearchQ(q: string): string {
  const bigrams = [...new Set(cjkBigrams(q))];
  return bigrams.length > 0 ? `${q} ${bigrams.join(" ")}` : q;
}

// Values come through zod already, but a filter is a little language: quote strings properly.
const str = (v: string) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Every filter of the query, ANDed (Meilisearch ANDs the elements of a filter array). */
export function toMeilisearchFilter(q: CatalogueQuery): string[] {
  const f: string[] = [];
  if (q.field) f.push(`${q.field.length === 2 ? "fieldBroad" : "fieldCode"} = ${str(q.field)}`);
  if (q.level !== undefined) f.push(`level = ${q.level}`);
  if (q.levelMin !== undefined) f.push(`level >= ${q.levelMin}`);
  if (q.levelMax !== undefined) f.push(`level <= ${q.levelMax}`);
  if (q.creditsMin !== undefined) f.push(`creditsX100 >= ${q.creditsMin}`);
  if (q.creditsMax !== undefined) f.push(`creditsX100 <= ${q.creditsMax}`);
  if (q.priceMin !== undefined) f.push(`priceMinor >= ${q.priceMin}`);
  if (q.priceMax !== undefined) f.push(`priceMinor <= ${q.priceMax}`);
  if (q.institution) f.push(`institutionSlug = ${str(q.institution)}`);
  if (q.kind) f.push(`kind = ${str(q.kind)}`);
  if (q.language) f.push(`languages = ${str(q.language)}`);
  if (q.delivery) f.push(`deliveryMode = ${str(q.delivery)}`);
  if (q.free !== undefined) f.push(`isFree = ${q.free}`);
  return f;
}

type PagedSearchParams = SearchParams & { page: number; hitsPerPage: number };

export function toMeilisearchParams(q: CatalogueQuery): PagedSearchParams {
  return {
    filter: toMeilisearchFilter(q),
    sort: sorts[effectiveSort(q)],
    facets: Object.values(facetAttributes),
    attributesToRetrieve: [...hitAttributes],
    page: q.page,
    hitsPerPage: q.pageSize,
  };
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

function toFacets(distribution: Record<string, Record<string, number>> | undefined): Facets {
  const entries = Object.entries(facetAttributes).map(([name, attribute]) => [
    name,
    { ...distribution?.[attribute] },
  ]);
  return Object.fromEntries(entries) as Facets;
}

function connect(url: string, apiKey: string | undefined, indexName: string) {
  const client = new Meilisearch({
    host: url,
    apiKey,
    timeout: REQUEST_TIMEOUT_MS,
    defaultWaitOptions: WRITE_WAIT,
  });
  return { client, index: client.index<MeilisearchDocument>(indexName) };
}

/** Run one Meilisearch call; whatever goes wrong comes back as one clear Error. */
async function call<T>(what: string, indexName: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof MeilisearchApiError && e.cause?.code === "index_not_found") {
      throw new Error(
        `Meilisearch ${what} failed: index "${indexName}" does not exist (run the re-index command)`,
        { cause: e },
      );
    }
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`Meilisearch ${what} failed: ${reason}`, { cause: e });
  }
}

/** A task that ran but did not succeed is a failure too (waitTask resolves either way). */
function succeeded(what: string, task: Task): void {
  if (task.status === "succeeded") return;
  const detail = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
  throw new Error(`Meilisearch ${what} task ${task.uid} ${task.status}: ${detail}`);
}

export function createMeilisearchEngine(
  url: string,
  apiKey?: string,
  indexName = "resources",
): SearchEngine {
  const { index } = connect(url, apiKey, indexName);

  return {
    name: "meilisearch",

    async search(query) {
      const started = performance.now();
      const res = await call("search", indexName, () =>
        index.search<StoredHit, PagedSearchParams>(
          toMeilisearchQ(query.q),
          toMeilisearchParams(query),
        ),
      );
      return {
        hits: res.hits.map(toHit),
        total: res.totalHits,
        page: query.page,
        pageSize: query.pageSize,
        facets: toFacets(res.facetDistribution),
        tookMs: Math.round(performance.now() - started),
      };
    },

    async upsert(docs) {
      if (docs.length === 0) return;
      const task = await call("document upsert", indexName, () =>
        index.addDocuments(docs.map(toMeilisearchDocument), { primaryKey: "id" }).waitTask(),
      );
      succeeded("document upsert", task);
    },

    async remove(ids) {
      if (ids.length === 0) return;
      const task = await call("document removal", indexName, () =>
        index.deleteDocuments(ids).waitTask(),
      );
      succeeded("document removal", task);
    },
  };
}

/**
 * Create the index (primary key "id") if missing and apply its settings; run by the re-index
 * command before it loads documents. Changing settings re-indexes everything, hence the long wait.
 */
export async function configureIndex(
  url: string,
  apiKey?: string,
  indexName = "resources",
): Promise<void> {
  const { client, index } = connect(url, apiKey, indexName);
  const created = await call("index creation", indexName, () =>
    client.createIndex(indexName, { primaryKey: "id" }).waitTask(WRITE_WAIT),
  );
  if (created.error?.code !== "index_already_exists") succeeded("index creation", created);

  const updated = await call("settings update", indexName, () =>
    index.updateSettings(indexSettings).waitTask(SETTINGS_WAIT),
  );
  succeeded("settings update", updated);
}
