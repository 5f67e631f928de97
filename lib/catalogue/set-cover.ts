import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { resources, resourceVersions } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { parseInput } from "@/lib/validation";
import { actorUserId, assertActorCan, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { refreshSearchRow } from "@/lib/search/documents";
import { kickOutbox } from "@/lib/outbox";
import { isStorageKey, saveImage } from "@/lib/storage";
import {
  conflict,
  getVersion,
  isEditable,
  latestVersion,
  lockResourceForEdit,
  type VersionRow,
} from "./internal";
import type { UpdateOutcome } from "./update-resource";
import { contentOf } from "./version-fields";

const setCoverSchema = z.strictObject({
  resourceId: z.uuid(),
  // Only keys the storage module made: nothing else may end up in a page's <img src>.
  key: z.string().refine(isStorageKey, { params: { code: "invalid_format" } }),
});

/**
 * Set the cover image of a resource, by the rules of `updateResource`: the working copy (draft or
 * changes requested) is edited in place; otherwise a new version is made from the live one and,
 * a cover not being a material change, goes live at once. With no live version (a rejected
 * resource) the new version is a draft to be reviewed. A version in review is never changed.
 */
export async function setCoverImage(
  actor: Actor,
  resourceId: unknown,
  key: unknown,
): Promise<UpdateOutcome> {
  const input = parseInput(setCoverSchema, { resourceId, key });
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const resource = await lockResourceForEdit(tx, actor, input.resourceId);
    if (resource.status === "archived")
      throw conflict("archived", "An archived resource cannot be edited");
    const pending = await getVersion(tx, resource.pendingVersionId);
    const live = await getVersion(tx, resource.liveVersionId);
    if (pending && !isEditable(pending)) {
      throw conflict("in_review", "A version is in review: withdraw it before editing");
    }
    let outcome: UpdateOutcome;
    let before: VersionRow;

    if (isEditable(pending)) {
      before = pending;
      await tx
        .update(resourceVersions)
        .set({ coverImageKey: input.key })
        .where(eq(resourceVersions.id, pending.id));
      await tx
        .update(resources)
        .set({ updatedAt: now() })
        .where(eq(resources.id, input.resourceId));
      outcome = {
        versionId: pending.id,
        state: pending.state === "changes_requested" ? "changes_requested" : "draft",
        needsReview: true,
      };
    } else {
      const latest = await latestVersion(tx, input.resourceId);
      before = live ?? latest;
      const isLive = !!live;
      const [created] = await tx
        .insert(resourceVersions)
        .values({
          ...contentOf(before),
          coverImageKey: input.key,
          resourceId: input.resourceId,
          version: latest.version + 1,
          state: isLive ? "published" : "draft",
          createdBy: actorUserId(actor),
          decidedAt: isLive ? now() : null,
        })
        .returning({ id: resourceVersions.id });
      if (isLive) {
        await tx
          .update(resourceVersions)
          .set({ state: "superseded" })
          .where(eq(resourceVersions.id, live.id));
        await tx
          .update(resources)
          .set({ liveVersionId: created!.id, updatedAt: now() })
          .where(eq(resources.id, input.resourceId));
        outcome = { versionId: created!.id, state: "published", needsReview: false };
      } else {
        await tx
          .update(resources)
          .set({ pendingVersionId: created!.id, updatedAt: now() })
          .where(eq(resources.id, input.resourceId));
        outcome = { versionId: created!.id, state: "draft", needsReview: true };
      }
    }
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.set_cover",
      targetType: "resource",
      targetId: input.resourceId,
      institutionId: resource.institutionId,
      before: { versionId: before.id, coverImageKey: before.coverImageKey },
      after: { versionId: outcome.versionId, coverImageKey: input.key, state: outcome.state },
    });
    await refreshSearchRow(tx, input.resourceId);
    return outcome;
  });
  kickOutbox();
  return result;
}

/**
 * Store an uploaded image and make it the cover. Rights are checked before anything is written,
 * so nobody without them can fill the storage; `setCoverImage` checks again under its lock.
 */
export async function uploadCoverImage(
  actor: Actor,
  resourceId: unknown,
  bytes: Uint8Array,
  declaredType?: string,
): Promise<UpdateOutcome> {
  const id = parseInput(z.uuid(), resourceId);
  const db = await getDb();
  const [resource] = await db
    .select({ institutionId: resources.institutionId })
    .from(resources)
    .where(eq(resources.id, id));
  if (!resource) throw notFound("Resource not found");
  assertActorCan(actor, "resources:edit", resource.institutionId);
  const saved = await saveImage(bytes, declaredType);
  return setCoverImage(actor, id, saved.key);
}
