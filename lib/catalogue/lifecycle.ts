import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { resources, resourceVersions } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { refreshSearchRow } from "@/lib/search/documents";
import { parseInput } from "@/lib/validation";
import { conflict, getVersion, isEditable, lockResourceForEdit } from "./internal";
import { resourceIdSchema } from "./schemas";

const idSchema = resourceIdSchema;

/** Send the working copy to the alliance's review queue. */
export async function submitForReview(actor: Actor, rawId: unknown): Promise<void> {
  const resourceId = parseInput(idSchema, rawId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const resource = await lockResourceForEdit(tx, actor, resourceId);
    const pending = await getVersion(tx, resource.pendingVersionId);
    if (!isEditable(pending)) throw conflict("nothing_to_submit", "There is no draft to submit");
    if (resource.status === "archived")
      throw conflict("archived", "An archived resource cannot be submitted");
    await tx
      .update(resourceVersions)
      .set({ state: "in_review", submittedAt: now(), reviewReason: null })
      .where(eq(resourceVersions.id, pending.id));
    if (!resource.liveVersionId) {
      await tx
        .update(resources)
        .set({ status: "in_review", updatedAt: now() })
        .where(eq(resources.id, resourceId));
    }
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.submit",
      targetType: "resource",
      targetId: resourceId,
      institutionId: resource.institutionId,
      after: { versionId: pending.id, version: pending.version },
    });
  });
}

/** Take a version back out of review, to edit it again. */
export async function withdrawFromReview(actor: Actor, rawId: unknown): Promise<void> {
  const resourceId = parseInput(idSchema, rawId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const resource = await lockResourceForEdit(tx, actor, resourceId);
    const pending = await getVersion(tx, resource.pendingVersionId);
    if (pending?.state !== "in_review") throw conflict("not_in_review", "Nothing is in review");
    await tx
      .update(resourceVersions)
      .set({ state: "draft", submittedAt: null })
      .where(eq(resourceVersions.id, pending.id));
    if (!resource.liveVersionId) {
      await tx
        .update(resources)
        .set({ status: "draft", updatedAt: now() })
        .where(eq(resources.id, resourceId));
    }
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.withdraw",
      targetType: "resource",
      targetId: resourceId,
      institutionId: resource.institutionId,
      after: { versionId: pending.id },
    });
  });
}

/** Retire a resource: off sale and out of search; its versions stay for existing enrolments. */
export async function archiveResource(actor: Actor, rawId: unknown): Promise<void> {
  const resourceId = parseInput(idSchema, rawId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const resource = await lockResourceForEdit(tx, actor, resourceId);
    if (resource.status === "archived") return;
    await tx
      .update(resources)
      .set({ status: "archived", updatedAt: now() })
      .where(eq(resources.id, resourceId));
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.archive",
      targetType: "resource",
      targetId: resourceId,
      institutionId: resource.institutionId,
      before: { status: resource.status },
      after: { status: "archived" },
    });
    await refreshSearchRow(tx, resourceId);
  });
}
