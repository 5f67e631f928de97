import { z } from "zod";

export const MAX_COMMENT_LENGTH = 2000;

/**
 * A learner's rating of a resource: 1–5 whole stars and an optional comment. Coerced, so the
 * resource page's form posts strings; NUL characters are refused by parseInput like everywhere.
 */
export const rateResourceSchema = z.strictObject({
  resourceId: z.uuid(),
  stars: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_COMMENT_LENGTH).default(""),
});
export type RateResourceInput = z.input<typeof rateResourceSchema>;
