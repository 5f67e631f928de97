import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { resources, resourceVersions } from "./catalogue";
import { institutions } from "./institutions";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * One row per searchable resource: the live version of a published resource, denormalised for
 * the PostgreSQL engine (lib/search/postgres.ts). Written in the transaction that changes what
 * is live, so search never shows a version that is not.
 */
export const catalogueSearch = pgTable(
  "catalogue_search",
  {
    resourceId: uuid("resource_id")
      .primaryKey()
      .references(() => resources.id),
    // Fixed-width filter columns first and texts last: scans deform rows only as far as needed.
    level: smallint("level").notNull(),
    isFree: boolean("is_free").notNull(),
    isFeatured: boolean("is_featured").notNull().default(false),
    creditsX100: integer("credits_x100").notNull(),
    // The learner offer's price; null when learners cannot buy it directly.
    priceMinor: integer("price_minor"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull(),
    versionId: uuid("version_id")
      .notNull()
      .references(() => resourceVersions.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    kind: text("kind").notNull(),
    fieldBroad: text("field_broad").notNull(),
    fieldCode: text("field_code").notNull(),
    deliveryMode: text("delivery_mode").notNull(),
    institutionSlug: text("institution_slug").notNull(),
    languages: text("languages").array().notNull(),
    // Lower-cased titles for ranking (read for every match, so kept before the long texts).
    titleText: text("title_text").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    slug: text("slug").notNull(),
    institutionNameZh: text("institution_name_zh").notNull(),
    institutionNameEn: text("institution_name_en").notNull(),
    summaryZh: text("summary_zh").notNull(),
    summaryEn: text("summary_en").notNull(),
    // Latin words ('simple' config), CJK bigrams computed by the application, both GIN-indexed.
    words: tsvector("words").notNull(),
    cjk: tsvector("cjk").notNull(),
    // The title's bigrams alone: a two-character query ranks title matches first and can take its
    // page from this small index when a broad bigram (工程) matches much of the catalogue.
    cjkTitle: tsvector("cjk_title").notNull(),
  },
  (t) => [
    index("catalogue_search_words_idx").using("gin", t.words),
    index("catalogue_search_cjk_idx").using("gin", t.cjk),
    index("catalogue_search_cjk_title_idx").using("gin", t.cjkTitle),
    index().on(t.fieldBroad),
    index().on(t.fieldCode),
    index().on(t.level),
    index().on(t.creditsX100),
    index().on(t.priceMinor),
    index().on(t.institutionSlug),
    index().on(t.kind),
    index().on(t.publishedAt),
    index("catalogue_search_languages_idx").using("gin", t.languages),
  ],
);

/** Distinct Latin words of the searchable catalogue, for typo correction by trigram similarity. */
export const searchLexicon = pgTable(
  "search_lexicon",
  {
    word: text("word").primaryKey(),
    docCount: integer("doc_count").notNull().default(0),
  },
  (t) => [index("search_lexicon_trgm_idx").using("gin", sql`${t.word} gin_trgm_ops`)],
);
