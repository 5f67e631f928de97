import { z } from "zod";
import { deliveryModes, resourceKinds } from "@/db/schema/catalogue";
import { languageCodes } from "@/lib/catalogue/schemas";

export const sortKeys = [
  "relevance",
  "newest",
  "price_asc",
  "price_desc",
  "credits_asc",
  "credits_desc",
] as const;
export type SortKey = (typeof sortKeys)[number];

/** Deepest result a query may page to: page × pageSize stays within this. */
export const MAX_RESULT_WINDOW = 10_000;

const optionalInt = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional();
const emptyToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/**
 * The catalogue query, as held in the URL (/resources?…) and taken by GET /api/v1/catalogue.
 * Strings from a URL are coerced; unknown keys are refused so a typo is not silently ignored.
 */
export const catalogueQuerySchema = z
  .strictObject({
    q: z
      .string()
      .trim()
      .max(200)
      .refine((v) => !v.includes("\u0000"), { params: { code: "invalid" } })
      .default(""),
    field: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^\d{2,3}$/)
        .optional(),
    ),
    level: z.preprocess(emptyToUndefined, optionalInt(1, 10)),
    levelMin: z.preprocess(emptyToUndefined, optionalInt(1, 10)),
    levelMax: z.preprocess(emptyToUndefined, optionalInt(1, 10)),
    creditsMin: z.preprocess(emptyToUndefined, optionalInt(0, 10_000)),
    creditsMax: z.preprocess(emptyToUndefined, optionalInt(0, 10_000)),
    priceMin: z.preprocess(emptyToUndefined, optionalInt(0, 100_000_000)),
    priceMax: z.preprocess(emptyToUndefined, optionalInt(0, 100_000_000)),
    institution: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]{2,40}$/)
        .optional(),
    ),
    kind: z.preprocess(emptyToUndefined, z.enum(resourceKinds).optional()),
    language: z.preprocess(emptyToUndefined, z.enum(languageCodes).optional()),
    delivery: z.preprocess(emptyToUndefined, z.enum(deliveryModes).optional()),
    free: z
      .preprocess(emptyToUndefined, z.enum(["true", "false", "1", "0"]).optional())
      .transform((v) => (v === undefined ? undefined : v === "true" || v === "1")),
    sort: z.preprocess(emptyToUndefined, z.enum(sortKeys).optional()),
    page: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(1).max(MAX_RESULT_WINDOW).default(1),
    ),
    pageSize: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
  })
  .superRefine((v, ctx) => {
    if (v.page * v.pageSize > MAX_RESULT_WINDOW) {
      ctx.addIssue({
        code: "custom",
        path: ["page"],
        message: `page × pageSize may not exceed ${MAX_RESULT_WINDOW}`,
        params: { code: "too_long" },
      });
    }
    for (const [lo, hi] of [
      ["levelMin", "levelMax"],
      ["creditsMin", "creditsMax"],
      ["priceMin", "priceMax"],
    ] as const) {
      const a = v[lo];
      const b = v[hi];
      if (a !== undefined && b !== undefined && a > b) {
        ctx.addIssue({
          code: "custom",
          path: [hi],
          message: `${hi} is below ${lo}`,
          params: { code: "invalid" },
        });
      }
    }
  });

export type CatalogueQuery = z.output<typeof catalogueQuerySchema>;

export const facetNames = [
  "kind",
  "fieldBroad",
  "level",
  "institution",
  "delivery",
  "language",
  "free",
] as const;
export type FacetName = (typeof facetNames)[number];
/**
 * value → number of matching resources, for each facet. Disjunctive: a facet with a selection
 * counts without its own selection (docs/DECISIONS.md).
 */
export type Facets = Record<FacetName, Record<string, number>>;

export type SearchHit = {
  id: string;
  slug: string;
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  institutionSlug: string;
  institutionNameZh: string;
  institutionNameEn: string;
  kind: string;
  creditsX100: number;
  level: number;
  fieldCode: string;
  // The learner price in minor units, or null when learners cannot buy it directly.
  price: { amountMinor: number; currency: string } | null;
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  facets: Facets;
  tookMs: number;
};

/** The effective sort: relevance only means something with words to match. */
export function effectiveSort(q: CatalogueQuery): SortKey {
  return q.sort ?? (q.q ? "relevance" : "newest");
}
