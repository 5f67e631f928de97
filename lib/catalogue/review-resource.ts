import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { resources, resourceVersions } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { refreshSearchRow } from "@/lib/search/documents";
import { conflict, getVersion } from "./internal";
import { reviewDecisionSchema } from "./schemas";

/**
 * The alliance admin's quality review of a version in review: approve (it goes live, the old
 * live version is superseded), request changes, or reject — the last two with a written reason.
 */
export async function reviewResource(viewer: Viewer, rawInput: unknown): Promise<void> {
  if (!canOnPlatform(viewer, "resources:review")) throw forbidden();
  const input = parseInput(reviewDecisionSchema, rawInput);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [resource] = await tx
      .select()
      .from(resources)
      .where(eq(resources.id, input.resourceId))
      .for("update");
    if (!resource) throw notFound("Resource not found");
    const pending = await getVersion(tx, resource.pendingVersionId);
    if (pending?.state !== "in_review")
      throw conflict("not_in_review", "Nothing of this resource is in review");
    const at = now();
    const decided = { decidedAt: at, decidedBy: viewer.userId, reviewReason: input.reason ?? null };
    if (input.decision === "approve") {
      if (resource.liveVersionId) {
        await tx
          .update(resourceVersions)
          .set({ state: "superseded" })
          .where(eq(resourceVersions.id, resource.liveVersionId));
      }
      await tx
        .update(resourceVersions)
        .set({ state: "published", ...decided })
        .where(eq(resourceVersions.id, pending.id));
      await tx
        .update(resources)
        .set({
          liveVersionId: pending.id,
          pendingVersionId: null,
          status:
            resource.status === "archived" || resource.status === "suspended"
              ? resource.status
              : "published",
          firstPublishedAt: resource.firstPublishedAt ?? at,
          updatedAt: at,
        })
        .where(eq(resources.id, resource.id));
    } else {
      const state = input.decision === "reject" ? "rejected" : "changes_requested";
      await tx
        .update(resourceVersions)
        .set({ state, ...decided })
        .where(eq(resourceVersions.id, pending.id));
      await tx
        .update(resources)
        .set({
          pendingVersionId: input.decision === "reject" ? null : pending.id,
          status: resource.liveVersionId ? resource.status : "draft",
          updatedAt: at,
        })
        .where(eq(resources.id, resource.id));
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: `resource.review.${input.decision}`,
      targetType: "resource",
      targetId: resource.id,
      institutionId: resource.institutionId,
      before: { versionId: pending.id, state: "in_review" },
      after: { decision: input.decision, reason: input.reason ?? null },
    });
    await refreshSearchRow(tx, resource.id);
  });
}
