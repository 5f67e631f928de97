import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  catalogueSearch,
  institutions,
  resourceOffers,
  resources,
  resourceVersions,
  searchLexicon,
} from "@/db/schema";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { cjkBigrams, latinWords } from "./cjk";
import type { SearchDocument } from "./engine";

const tsv = (words: string[]) =>
  sql`array_to_tsvector(${`{${[...new Set(words)].map((w) => `"${w}"`).join(",")}}`}::text[])`;

/**
 * Make the search row of one resource match what is live: the live version of a published
 * resource of a member institution, or no row at all. Runs inside the transaction of the change
 * and queues one search-sync job so external engines (Meilisearch) follow after commit.
 */
export async function refreshSearchRow(tx: DbOrTx, resourceId: string): Promise<void> {
  await refreshSearchRows(tx, [resourceId]);
}

/** `refreshSearchRow` for many resources at once (bulk import): multi-row writes, same rules. */
export async function refreshSearchRows(tx: DbOrTx, ids: readonly string[]): Promise<void> {
  const resourceIds = [...new Set(ids)];
  if (resourceIds.length === 0) return;
  const rows = await tx
    .select({
      resource: resources,
      version: resourceVersions,
      institution: {
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
        status: institutions.status,
      },
      learnerPrice: resourceOffers.amountMinor,
    })
    .from(resources)
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .leftJoin(resourceVersions, eq(resourceVersions.id, resources.liveVersionId))
    .leftJoin(
      resourceOffers,
      and(eq(resourceOffers.resourceId, resources.id), eq(resourceOffers.kind, "learner")),
    )
    .where(inArray(resources.id, resourceIds));
  const searchRows: ReturnType<typeof searchRowValues>["values"][] = [];
  // doc_count only ranks bigrams by rarity (lib/search/postgres.ts): re-counting a resource
  // on each refresh inflates it a little, which does no harm there.
  const lexicon = new Map<string, number>();
  const live = new Set<string>();
  for (const row of rows) {
    const { version } = row;
    if (!version || row.resource.status !== "published" || row.institution.status !== "member") {
      continue;
    }
    live.add(row.resource.id);
    const { values, lexicon: words } = searchRowValues({ ...row, version });
    searchRows.push(values);
    for (const w of words) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
  }
  const gone = resourceIds.filter((id) => !live.has(id));
  // Independent writes, sent together (pipelined on postgres.js).
  await Promise.all([
    gone.length > 0
      ? tx.delete(catalogueSearch).where(inArray(catalogueSearch.resourceId, gone))
      : null,
    searchRows.length > 0
      ? tx
          .insert(catalogueSearch)
          .values(searchRows)
          .onConflictDoUpdate({
            target: catalogueSearch.resourceId,
            set: Object.fromEntries(
              Object.keys(searchRows[0]!)
                .filter((k) => k !== "resourceId")
                .map((k) => [k, sql.raw(`excluded.${columnOf(k)}`)]),
            ),
          })
      : null,
    lexicon.size > 0
      ? tx
          .insert(searchLexicon)
          // Sorted, so concurrent writers lock shared words in one order and cannot deadlock.
          .values(
            [...lexicon]
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([word, docCount]) => ({ word, docCount })),
          )
          .onConflictDoUpdate({
            target: searchLexicon.word,
            set: { docCount: sql`${searchLexicon.docCount} + excluded.doc_count` },
          })
      : null,
    // One search-sync job per resource, inserted together.
    enqueueMany(
      tx,
      "search.sync",
      resourceIds.map((resourceId) => ({ resourceId })),
    ),
  ]);
}

const searchColumns: Record<string, { name: string }> = getTableColumns(catalogueSearch);
const columnOf = (key: string) => searchColumns[key]!.name;

type RowSource = {
  resource: typeof resources.$inferSelect;
  version: typeof resourceVersions.$inferSelect;
  institution: { slug: string; nameZh: string; nameEn: string };
  learnerPrice: number | null;
};

/** The search row of a live resource and its lexicon words: pure, shared with bulk loaders. */
export function searchRowValues({ resource, version: v, institution, learnerPrice }: RowSource) {
  const outcomesText = v.outcomes.map((o) => `${o.zh} ${o.en}`).join(" ");
  const titleWords = latinWords(`${v.titleEn} ${v.titleZh}`);
  const otherWords = latinWords(
    `${v.summaryEn} ${v.summaryZh} ${outcomesText} ${institution.nameEn} ${resource.slug}`,
  );
  const titleBigrams = cjkBigrams(`${v.titleZh} ${v.titleEn}`);
  const otherBigrams = cjkBigrams(`${v.summaryZh} ${outcomesText} ${institution.nameZh}`);
  const values = {
    resourceId: resource.id,
    versionId: v.id,
    institutionId: resource.institutionId,
    institutionSlug: institution.slug,
    institutionNameZh: institution.nameZh,
    institutionNameEn: institution.nameEn,
    slug: resource.slug,
    kind: resource.kind,
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    summaryZh: v.summaryZh,
    summaryEn: v.summaryEn,
    fieldCode: v.fieldCode,
    fieldBroad: v.fieldCode.slice(0, 2),
    level: v.level,
    creditsX100: v.creditsX100,
    priceMinor: learnerPrice,
    isFree: learnerPrice === 0,
    languages: v.languages,
    deliveryMode: v.deliveryMode,
    isFeatured: resource.isFeatured,
    publishedAt: resource.firstPublishedAt ?? v.decidedAt ?? v.createdAt,
    // Title terms weigh more than the rest in ts_rank.
    words: sql`setweight(${tsv(titleWords)}, 'A') || setweight(${tsv(otherWords)}, 'B')`,
    cjk: sql`setweight(${tsv(titleBigrams)}, 'A') || setweight(${tsv(otherBigrams)}, 'B')`,
    cjkTitle: tsv(titleBigrams),
    titleText: `${v.titleZh} ${v.titleEn}`.toLowerCase(),
  };
  // Latin words (for typo correction) and CJK bigrams (for their rarity).
  const lexicon = [
    ...new Set([...titleWords, ...otherWords].filter((w) => w.length >= 3 && !/^\d+$/.test(w))),
    ...new Set([...titleBigrams, ...otherBigrams].filter((b) => Array.from(b).length === 2)),
  ];
  return { values, lexicon };
}

/** The documents external engines index, read from the search rows (only live resources). */
export async function loadSearchDocuments(
  db: DbOrTx,
  resourceIds: string[],
): Promise<SearchDocument[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db
    .select({ s: catalogueSearch, outcomes: resourceVersions.outcomes })
    .from(catalogueSearch)
    .innerJoin(resourceVersions, eq(resourceVersions.id, catalogueSearch.versionId))
    .where(inArray(catalogueSearch.resourceId, resourceIds));
  return rows.map(({ s, outcomes }) => ({
    id: s.resourceId,
    versionId: s.versionId,
    slug: s.slug,
    kind: s.kind,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    summaryZh: s.summaryZh,
    summaryEn: s.summaryEn,
    outcomesText: outcomes.map((o) => `${o.zh} ${o.en}`).join(" "),
    institutionSlug: s.institutionSlug,
    institutionNameZh: s.institutionNameZh,
    institutionNameEn: s.institutionNameEn,
    fieldCode: s.fieldCode,
    fieldBroad: s.fieldBroad,
    level: s.level,
    creditsX100: s.creditsX100,
    priceMinor: s.priceMinor,
    isFree: s.isFree,
    languages: s.languages,
    deliveryMode: s.deliveryMode,
    isFeatured: s.isFeatured,
    publishedAt: s.publishedAt.toISOString(),
  }));
}
