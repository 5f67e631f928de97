import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { completions, enrolments } from "@/db/schema";
import type { resourceKinds } from "@/db/schema/catalogue";

export type RatingEligibility =
  { mayRate: true } | { mayRate: false; reason: "rating_needs_pass" | "rating_needs_enrolment" };

const liveStatuses: ("active" | "completed")[] = ["active", "completed"];

/**
 * Who may rate (issue 8): a course, micro-credential or programme — anything with completions —
 * only a learner whose enrolment on it has a live (not voided) pass; a learning resource, which
 * has no completion, a learner enrolled on it. Either way the enrolment must be live, active or
 * completed: not revoked (refunded, a lost dispute) nor suspended (a dispute still open).
 */
export async function ratingEligibility(
  db: DbOrTx,
  userId: string,
  resource: { id: string; kind: (typeof resourceKinds)[number] },
): Promise<RatingEligibility> {
  if (resource.kind === "learning_resource") {
    const [row] = await db
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.userId, userId),
          eq(enrolments.resourceId, resource.id),
          sql`${enrolments.live}`, // the unique index's condition, so it is used
          inArray(enrolments.status, liveStatuses),
        ),
      )
      .limit(1);
    return row ? { mayRate: true } : { mayRate: false, reason: "rating_needs_enrolment" };
  }
  const [row] = await db
    .select({ id: completions.id })
    .from(completions)
    .innerJoin(enrolments, eq(enrolments.id, completions.enrolmentId))
    .where(
      and(
        eq(enrolments.userId, userId),
        eq(enrolments.resourceId, resource.id),
        sql`${enrolments.live}`, // the unique index's condition, so it is used
        inArray(enrolments.status, liveStatuses),
        eq(completions.outcome, "pass"),
        isNull(completions.voidedAt),
      ),
    )
    .limit(1);
  return row ? { mayRate: true } : { mayRate: false, reason: "rating_needs_pass" };
}
