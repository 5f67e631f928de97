import {
  Meilisearch,
  MeilisearchApiError,
  type MultiSearchParams,
  type Settings,
  type Task,
} from "meilisearch";
import { cjkBigrams } from "./cjk";
import type { SearchDocument, SearchEngine } from "./engine";
import { type StoredHit, toMeilisearchQueries, toSearchResult } from "./meilisearch-query";
import { MAX_RESULT_WINDOW } from "./query";

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

// Reads answer a page view: fail fast. Task waits cover indexing, which can take a while.
const REQUEST_TIMEOUT_MS = 10_000;
const WRITE_WAIT = { timeout: 60_000, interval: 100 };
const SETTINGS_WAIT = { timeout: 10 * 60_000, interval: 250 };

export function toMeilisearchDocument(doc: SearchDocument): MeilisearchDocument {
  const bigrams = new Set(bigramSources.flatMap((f) => cjkBigrams(doc[f])));
  return { ...doc, publishedAtMs: Date.parse(doc.publishedAt), cjkBigrams: [...bigrams] };
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
  const { client, index } = connect(url, apiKey, indexName);

  return {
    name: "meilisearch",

    async search(query) {
      const started = performance.now();
      const { results } = await call("search", indexName, () =>
        client.multiSearch<MultiSearchParams, StoredHit>({
          queries: toMeilisearchQueries(query, indexName),
        }),
      );
      return {
        ...toSearchResult(query, results),
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
