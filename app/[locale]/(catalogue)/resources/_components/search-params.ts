import "server-only";
import { isAppError } from "@/lib/errors";
import { CREDITS_EXPONENT, currencyExponent, parseMinorUnits } from "@/lib/money/minor-units";
import { searchCatalogue } from "@/lib/search";
import type { SearchResult } from "@/lib/search/query";

/**
 * The parameters of /resources, which are the query of lib/search/query.ts except for units:
 * people type credits and yuan, so the page's URL holds credits (`creditsMin=2.5`) and yuan
 * (`priceMax=199`), converted to creditsX100 and fen here. Everything else passes through.
 */
export const paramKeys = [
  "q",
  "field",
  "level",
  "levelMin",
  "levelMax",
  "kind",
  "delivery",
  "language",
  "institution",
  "creditsMin",
  "creditsMax",
  "priceMin",
  "priceMax",
  "free",
  "sort",
  "page",
  "pageSize",
] as const;
export type ParamKey = (typeof paramKeys)[number];
export type Params = Partial<Record<ParamKey, string>>;

// Decimal places of each parameter typed in UI units. Catalogue prices are in CNY, the
// alliance currency (offers default to it), so yuan → fen uses CNY's ISO exponent.
const exponentOf: Partial<Record<ParamKey, number>> = {
  creditsMin: CREDITS_EXPONENT,
  creditsMax: CREDITS_EXPONENT,
  priceMin: currencyExponent("CNY"),
  priceMax: currencyExponent("CNY"),
};

/** The known parameters, first value of each, without empty ones. Unknown keys are ignored. */
export function readParams(raw: Record<string, string | string[] | undefined>): Params {
  const out: Params = {};
  for (const key of paramKeys) {
    const value = raw[key];
    const first = (Array.isArray(value) ? value[0] : value)?.trim();
    if (first) out[key] = first;
  }
  return out;
}

/** UI units → the search query's units; a value that is not a number is left for zod to name. */
function toQuery(params: Params): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(params) as [ParamKey, string][]) {
    const exponent = exponentOf[key];
    if (exponent === undefined) {
      query[key] = value;
      continue;
    }
    // Exact digits only ("2.5" → 250); "1e3", "2.555" or "abc" cannot be scaled exactly, so
    // they go on as a non-number the schema refuses (and the page then ignores, naming it).
    const r = parseMinorUnits(value, exponent);
    query[key] = r.ok ? String(r.value) : "not a number";
  }
  return query;
}

/**
 * Search with the page's parameters. A parameter the query schema refuses (`?page=abc`,
 * `?sort=bogus`, a minimum above its maximum) is dropped and the search runs without it, so a
 * mangled shared link still shows results; the page names the dropped parameters in a notice.
 * Zod checks cross-field rules only once every field parses, hence more than one round.
 */
export async function searchWithParams(
  params: Params,
): Promise<{ result: SearchResult; params: Params; ignored: ParamKey[] }> {
  const kept: Params = { ...params };
  const ignored: ParamKey[] = [];
  for (;;) {
    try {
      return { result: await searchCatalogue(toQuery(kept)), params: kept, ignored };
    } catch (e) {
      if (!isAppError(e) || e.code !== "BAD_REQUEST" || !e.fields) throw e;
      const named = Object.keys(e.fields).filter((k): k is ParamKey => k in kept);
      // Each round removes at least one parameter, so this ends (at worst with none left).
      if (named.length === 0) throw e;
      for (const key of named) {
        delete kept[key];
        ignored.push(key);
      }
    }
  }
}

/** A /resources address: the current parameters with some changed (undefined removes one). */
export function resourcesHref(params: Params, changes: Params = {}): string {
  const next: Params = { ...params, page: undefined, ...changes };
  const search = new URLSearchParams();
  for (const key of paramKeys) {
    const value = next[key];
    if (value) search.set(key, value);
  }
  const qs = search.toString();
  return qs ? `/resources?${qs}` : "/resources";
}
