import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { resources } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { parseInput } from "@/lib/validation";
import { actorUserId, assertActorCan, type Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { refreshSearchRow } from "@/lib/search/documents";
import { isStorageKey, saveImage } from "@/lib/storage";
import { lockResourceForEdit } from "./internal";
import { changeVersion, type UpdateOutcome } from "./change-version";

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
    // A cover is never a material change: on a live resource it goes live at once.
    const { outcome, before } = await changeVersion(
      tx,
      actor,
      resource,
      { coverImageKey: input.key },
      {
        isMaterial: () => false,
      },
    );
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.set_cover",
      targetType: "resource",
      targetId: input.resourceId,
      institutionId: resource.institutionId,
      before: { versionId: before?.id ?? null, coverImageKey: before?.coverImageKey ?? null },
      after: { versionId: outcome.versionId, coverImageKey: input.key, state: outcome.state },
    });
    await refreshSearchRow(tx, input.resourceId);
    return outcome;
  });
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
