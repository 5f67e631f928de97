/**
 * Tokens both search engines index and query with. Chinese is written without spaces, and
 * neither engine matches inside a word (PostgreSQL's 'simple' parser keeps a Han run as one
 * token, Meilisearch matches word prefixes only), so 会计 would never find 管理会计学. Indexing
 * every overlapping pair of Han characters makes any two-character substring a whole token.
 * Pure functions: the same text must give the same tokens at index time and at query time.
 */

const hanRun = /\p{Script=Han}+/gu;
const latinWord = /[a-z0-9]+/g;

/** Maximal runs of Han characters, in order (NFKC folds compatibility ideographs). */
export function cjkRuns(text: string): string[] {
  return text.normalize("NFKC").match(hanRun) ?? [];
}

/**
 * Every overlapping two-character substring of each Han run, in order and with repeats (callers
 * that want a set dedupe); a one-character run gives itself. Counted in code points, so
 * characters outside the Basic Multilingual Plane (CJK Extension B…) are not split in half.
 */
export function cjkBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of cjkRuns(text)) {
    const chars = Array.from(run);
    if (chars.length === 1) {
      out.push(run);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

/**
 * Lower-cased ASCII letter/digit words of two or more characters, in order and with repeats.
 * NFKC first, so full-width ＪＡＶＡ and ligatures such as ﬁ read as plain Latin.
 */
export function latinWords(text: string): string[] {
  const words = text.normalize("NFKC").toLowerCase().match(latinWord) ?? [];
  return words.filter((w) => w.length >= 2);
}
