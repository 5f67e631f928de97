// npm run search:reindex – rebuild the search rows (and the typo lexicon) from the catalogue,
// and, when MEILISEARCH_URL is set, the Meilisearch index from them; with a progress bar.
import { sql } from "drizzle-orm";
import { closeDb, getDb, selectRows } from "@/db";
import { getEnv } from "@/lib/env";
import { openJobs } from "@/lib/jobs/open";
import { loadSearchDocuments, refreshSearchRow } from "@/lib/search/documents";
import { progressBar } from "./progress";

const BATCH = 500;
try {
  const db = await getDb();
  const ids = (
    await selectRows<{ id: string }>(db, sql`select id from resources order by created_at`)
  ).map((r) => r.id);
  const rows = progressBar(ids.length, "search rows");
  await db.execute(sql`truncate search_lexicon`);
  for (let i = 0; i < ids.length; i += BATCH) {
    await db.transaction(async (tx) => {
      for (const id of ids.slice(i, i + BATCH)) await refreshSearchRow(tx, id);
    });
    rows.update(Math.min(i + BATCH, ids.length));
  }
  rows.done();
  // The rows just queued for sync are covered by the full rebuild below.
  await (await openJobs()).deleteQueuedJobs("search.sync");

  const { MEILISEARCH_URL, MEILISEARCH_API_KEY } = getEnv();
  if (MEILISEARCH_URL) {
    const { configureIndex, createMeilisearchEngine } = await import("@/lib/search/meilisearch");
    await configureIndex(MEILISEARCH_URL, MEILISEARCH_API_KEY);
    const engine = createMeilisearchEngine(MEILISEARCH_URL, MEILISEARCH_API_KEY);
    const live = (
      await selectRows<{ id: string }>(db, sql`select resource_id as id from catalogue_search`)
    ).map((r) => r.id);
    const bar = progressBar(live.length, "meilisearch");
    for (let i = 0; i < live.length; i += 1000) {
      await engine.upsert(await loadSearchDocuments(db, live.slice(i, i + 1000)));
      bar.update(Math.min(i + 1000, live.length));
    }
    bar.done();
  }
  console.log(
    `Re-indexed ${ids.length} resources${MEILISEARCH_URL ? " (PostgreSQL rows and Meilisearch)" : " (PostgreSQL engine)"}.`,
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
