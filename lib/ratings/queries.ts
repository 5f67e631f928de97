import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { ratings, resources } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { ratingEligibility, type RatingEligibility } from "./eligibility";

export const LATEST_COMMENTS = 5;

export type RatingSummary = {
  count: number;
  /** Stars, one decimal; null with no ratings. */
  average: number | null;
  /** The latest comments, newest first; no author is named (minimal personal data). */
  latest: { id: string; stars: number; comment: string; updatedAt: string }[];
};

/** What the resource page shows to anyone: average, count, latest comments (hidden ones left out). */
export async function getRatingSummary(resourceId: string): Promise<RatingSummary> {
  const db = await getDb();
  const shown = and(eq(ratings.resourceId, resourceId), eq(ratings.hidden, false));
  const [[totals], latest] = await Promise.all([
    db
      .select({
        n: sql<SqlInteger>`count(*)`,
        sum: sql<SqlInteger>`coalesce(sum(${ratings.stars}), 0)`,
      })
      .from(ratings)
      .where(shown),
    db
      .select({
        id: ratings.id,
        stars: ratings.stars,
        comment: ratings.comment,
        updatedAt: ratings.updatedAt,
      })
      .from(ratings)
      .where(and(shown, ne(ratings.comment, "")))
      .orderBy(desc(ratings.updatedAt), desc(ratings.id))
      .limit(LATEST_COMMENTS),
  ]);
  const count = toSafeInteger(totals?.n ?? 0, "rating count");
  const sum = toSafeInteger(totals?.sum ?? 0, "star sum");
  return {
    count,
    average: count === 0 ? null : Math.round((sum * 10) / count) / 10,
    latest: latest.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
  };
}

export type MyRatingState = RatingEligibility & { mine: { stars: number; comment: string } | null };

/** Whether the viewer may rate the resource (the page shows the form only then), and their rating. */
export async function getMyRatingState(
  viewer: Viewer,
  resourceId: string,
): Promise<MyRatingState | null> {
  const db = await getDb();
  const [resource] = await db
    .select({ id: resources.id, kind: resources.kind })
    .from(resources)
    .where(eq(resources.id, resourceId));
  if (!resource) return null;
  const [eligibility, [mine]] = await Promise.all([
    ratingEligibility(db, viewer.userId, resource),
    db
      .select({ stars: ratings.stars, comment: ratings.comment })
      .from(ratings)
      .where(and(eq(ratings.resourceId, resourceId), eq(ratings.userId, viewer.userId))),
  ]);
  return { ...eligibility, mine: mine ?? null };
}
