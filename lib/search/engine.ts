import type { CatalogueQuery, SearchResult } from "./query";

/** A search document: what both engines index for one published resource (its live version). */
export type SearchDocument = {
  id: string;
  versionId: string;
  slug: string;
  kind: string;
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  outcomesText: string;
  institutionSlug: string;
  institutionNameZh: string;
  institutionNameEn: string;
  fieldCode: string;
  fieldBroad: string;
  level: number;
  creditsX100: number;
  priceMinor: number | null;
  isFree: boolean;
  languages: string[];
  deliveryMode: string;
  isFeatured: boolean;
  publishedAt: string; // ISO
};

/** The one interface the catalogue searches through (lib/search/index.ts picks the engine). */
export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  search(query: CatalogueQuery): Promise<SearchResult>;
  /** Put documents in the index (replacing any with the same id). */
  upsert(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
}
