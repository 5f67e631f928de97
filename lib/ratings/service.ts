import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { ratings, resources } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { ratingEligibility } from "./eligibility";
import { rateResourceSchema } from "./schemas";

const refusals = {
  rating_needs_pass: "Only a learner who passed this resource may rate it",
  rating_needs_enrolment: "Only a learner enrolled on this learning resource may rate it",
} as const;

/**
 * Rate a resource, or change one's rating of it: one rating per (resource, learner), edited only
 * by its author (the viewer; there is no author in the input). Refused, changing nothing, for
 * anyone ratingEligibility does not admit.
 */
export async function rateResource(
  viewer: Viewer,
  input: unknown,
): Promise<{ id: string; created: boolean }> {
  const { resourceId, stars, comment } = parseInput(rateResourceSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [resource] = await tx
      .select({ id: resources.id, kind: resources.kind, institutionId: resources.institutionId })
      .from(resources)
      .where(eq(resources.id, resourceId));
    if (!resource) throw notFound("No such resource");
    const eligibility = await ratingEligibility(tx, viewer.userId, resource);
    if (!eligibility.mayRate) {
      throw new AppError("FORBIDDEN", eligibility.reason, refusals[eligibility.reason]);
    }
    const [before] = await tx
      .select({ stars: ratings.stars, comment: ratings.comment })
      .from(ratings)
      .where(and(eq(ratings.resourceId, resourceId), eq(ratings.userId, viewer.userId)));
    const at = now();
    const [saved] = await tx
      .insert(ratings)
      .values({ resourceId, userId: viewer.userId, stars, comment, createdAt: at, updatedAt: at })
      .onConflictDoUpdate({
        target: [ratings.resourceId, ratings.userId],
        set: { stars, comment, updatedAt: at },
      })
      .returning({ id: ratings.id });
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: before ? "rating.updated" : "rating.created",
      targetType: "rating",
      targetId: saved!.id,
      institutionId: resource.institutionId,
      before: before ?? null,
      after: { stars, comment },
    });
    return { id: saved!.id, created: !before };
  });
}
