import { sql, type SQL } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { cjkBigrams, cjkRuns, latinWords } from "./cjk";

/* Query text → SQL match conditions and ranks for the PostgreSQL engine (lib/search/postgres.ts). */

// A misspelt word is replaced by its nearest lexicon words (trigram similarity ≥ this).
const TYPO_SIMILARITY = 0.3;
const TYPO_ALTERNATIVES = 3;

/**
 * One query word as a tsquery group: itself (a prefix if it is the last, still being typed) or,
 * when the lexicon does not know it, its nearest known words by trigram similarity.
 */
async function wordGroup(w: string, isLast: boolean): Promise<string> {
  const self = isLast && w.length >= 3 ? `'${w}':*` : `'${w}'`;
  if (w.length < 4 || /^\d+$/.test(w)) return self;
  const near = await selectRows<{ word: string }>(
    await getDb(),
    sql`select word from search_lexicon where word % ${w} and similarity(word, ${w}) >= ${TYPO_SIMILARITY}
        order by word <-> ${w} limit ${TYPO_ALTERNATIVES + 1}`,
  );
  if (near.some((n) => n.word === w)) return self;
  return `(${[self, ...near.slice(0, TYPO_ALTERNATIVES).map((n) => `'${n.word}'`)].join(" | ")})`;
}

/** The k bigrams found in fewest documents (unknown ones first: they cost nothing to look up). */
async function rarest(bigrams: string[], k: number): Promise<string[]> {
  const rows = await selectRows<{ word: string; doc_count: SqlInteger }>(
    await getDb(),
    sql`select word, doc_count from search_lexicon where word in ${bigrams}`,
  );
  const count = new Map(rows.map((r) => [r.word, toSafeInteger(r.doc_count, "doc_count")]));
  return [...bigrams].sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0)).slice(0, k);
}

/** Lower-cased Latin tokens of any length (latinWords drops one-character ones). */
function latinTokens(q: string): string[] {
  return (
    q
      .normalize("NFKC")
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

// `titleFirst`: a narrower condition whose rows all rank above every other match, so a page
// found entirely within it is the page (see runQuery).
export type TextMatch = { where: SQL; rank: SQL; titleFirst?: SQL };

/**
 * Query text → SQL match conditions: `strict` (every word, every bigram — selective, so fast)
 * and, where it differs, `tolerant` (a word or a character may be wrong), which the search uses
 * only when the strict one finds nothing.
 */
export async function textMatch(
  q: string,
): Promise<{ strict: TextMatch; tolerant: TextMatch | null } | null> {
  const words = latinWords(q);
  // One-character runs come back from cjkBigrams as themselves; they are matched in titles below.
  const bigrams = [...new Set(cjkBigrams(q))].filter((b) => Array.from(b).length === 2);
  const singles = cjkRuns(q).filter((r) => Array.from(r).length === 1);
  if (words.length === 0 && bigrams.length === 0 && singles.length === 0) return null;

  const groups = await Promise.all(words.map((w, i) => wordGroup(w, i === words.length - 1)));
  const strictParts: SQL[] = [];
  const tolerantParts: SQL[] = [];
  const strictRanks: SQL[] = [];
  const tolerantRanks: SQL[] = [];
  if (groups.length > 0) {
    // Cast, not to_tsquery(): lexemes are taken as they are, with no parser or dictionary.
    const all = sql`${groups.join(" & ")}::tsquery`;
    strictParts.push(sql`words @@ ${all}`);
    strictRanks.push(sql`ts_rank(words, ${all})`);
    // From three words on, one may miss (a typo no correction caught).
    const each = groups.map((g) => sql`(words @@ ${g}::tsquery)::int`);
    const any = sql`${groups.join(" | ")}::tsquery`;
    const need = words.length >= 3 ? words.length - 1 : words.length;
    tolerantParts.push(sql`(words @@ ${any} and (${sql.join(each, sql` + `)}) >= ${need})`);
    tolerantRanks.push(
      sql`(${sql.join(each, sql` + `)})::float4 / ${words.length}`,
      sql`ts_rank(words, ${any})`,
    );
  }
  if (bigrams.length > 0) {
    strictParts.push(sql`cjk @@ ${bigrams.map((b) => `'${b}'`).join(" & ")}::tsquery`);
    // All but two bigrams may do: one wrong character breaks the two bigrams it is part of
    // (数据结购 still shares 数据 and 据结 with 数据结构).
    const need = bigrams.length <= 2 ? bigrams.length : Math.max(2, bigrams.length - 2);
    // A row missing at most two bigrams has at least one of any three: look up candidates by
    // the three rarest, so a common bigram (大学) does not pull in the whole catalogue.
    const rare = bigrams.length <= 3 ? bigrams : await rarest(bigrams, 3);
    const any = sql`${rare.map((b) => `'${b}'`).join(" | ")}::tsquery`;
    const matched = sql.join(
      bigrams.map((b) => sql`(cjk @@ ${`'${b}'`}::tsquery)::int`),
      sql` + `,
    );
    tolerantParts.push(sql`(cjk @@ ${any} and (${matched}) >= ${need})`);
    tolerantRanks.push(
      sql`(${matched})::float4 / ${bigrams.length}`,
      // Among titles sharing as many bigrams, the one closest to the query as a whole wins.
      sql`similarity(title_zh, ${q.trim()})`,
    );
  }
  for (const c of singles) {
    strictParts.push(sql`title_text like ${`%${c}%`}`);
    tolerantParts.push(sql`title_text like ${`%${c}%`}`);
  }
  const phrase = q.trim().toLowerCase();
  const bonuses: SQL[] = [
    // Featured resources first among equals, then shorter titles (closer to what was typed).
    sql`(case when is_featured then 0.5::float8 else 0 end)`,
    sql`(1.0::float8 / (10 + length(title_text)))`,
    // A title equal to the query beats titles that merely contain it.
    sql`(case when lower(title_zh) = ${phrase} or lower(title_en) = ${phrase} then 3::float8 else 0 end)`,
    sql`(case when title_text like ${`%${phrase.replace(/[\\%_]/g, (m) => `\\${m}`)}%`} then 2::float8 else 0 end)`,
    // Single letters and digits ("Physics B") rank titles that have them as words.
    ...latinTokens(q)
      .filter((x) => x.length === 1)
      .map((t) => sql`(case when title_text ~ ${`\\m${t}\\M`} then 0.5::float8 else 0 end)`),
  ];
  const make = (parts: SQL[], ranks: SQL[]): TextMatch => ({
    where: sql.join(parts, sql` and `),
    rank: sql.join([sql`0::float8`, ...ranks, ...bonuses], sql` + `),
  });
  const differs = words.length >= 3 || bigrams.length >= 3;
  const strict = make(strictParts, strictRanks);
  // A lone two-character query: titles containing it get the +2 bonus and outrank all else.
  if (words.length === 0 && singles.length === 0 && bigrams.length === 1) {
    strict.titleFirst = sql`cjk_title @@ ${`'${bigrams[0]}'`}::tsquery`;
  }
  return {
    strict,
    tolerant: differs ? make(tolerantParts, tolerantRanks) : null,
  };
}
