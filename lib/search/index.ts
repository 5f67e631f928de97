import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { parseInput } from "@/lib/validation";
import { loadSearchDocuments } from "./documents";
import type { SearchEngine } from "./engine";
import { postgresEngine } from "./postgres";
import { catalogueQuerySchema, type SearchResult } from "./query";

const store = globalThis as typeof globalThis & { __exchangeSearch?: Promise<SearchEngine> };

/** Meilisearch when MEILISEARCH_URL is set, else PostgreSQL (which needs no syncing). */
export function getSearchEngine(): Promise<SearchEngine> {
  store.__exchangeSearch ??= (async () => {
    const { MEILISEARCH_URL, MEILISEARCH_API_KEY } = getEnv();
    if (!MEILISEARCH_URL) return postgresEngine;
    const { createMeilisearchEngine } = await import("./meilisearch");
    return createMeilisearchEngine(MEILISEARCH_URL, MEILISEARCH_API_KEY);
  })();
  return store.__exchangeSearch;
}

/** Search the public catalogue with a query from a URL or the API (validated here). */
export async function searchCatalogue(rawQuery: unknown): Promise<SearchResult> {
  const query = parseInput(catalogueQuerySchema, rawQuery);
  return (await getSearchEngine()).search(query);
}

/** Bring an external engine in line with the search rows of the given resources. */
export async function syncResources(resourceIds: string[]): Promise<void> {
  const engine = await getSearchEngine();
  if (engine.name === "postgres" || resourceIds.length === 0) return;
  const unique = [...new Set(resourceIds)];
  const docs = await loadSearchDocuments(await getDb(), unique);
  const live = new Set(docs.map((d) => d.id));
  await engine.upsert(docs);
  await engine.remove(unique.filter((id) => !live.has(id)));
}
