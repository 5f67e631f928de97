import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { resources, resourceVersions } from "@/db/schema";
import { now } from "@/lib/clock";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import {
  conflict,
  getVersion,
  isEditable,
  latestVersion,
  type ResourceRow,
  type VersionRow,
} from "./internal";
import { contentOf, type toVersionColumns } from "./version-fields";

export type UpdateOutcome = {
  versionId: string;
  // "draft": saved in the working copy, to be submitted; "published": live at once.
  state: "draft" | "changes_requested" | "published";
  needsReview: boolean;
};

type Columns = ReturnType<typeof toVersionColumns>;

/**
 * Apply new content to a resource (already locked by the caller), by the one rule of versions:
 * the working copy (draft or changes requested) is edited in place; otherwise a new version is
 * made from the live one, which waits for review when `isMaterial(base)` says so (or when nothing
 * is live) and goes live at once otherwise. A version in review is never changed. `check` sees
 * the version as it will be, before anything is written. Returns the outcome and the version
 * the change started from.
 */
export async function changeVersion(
  tx: DbOrTx,
  actor: Actor,
  resource: ResourceRow,
  columns: Columns,
  opts: { isMaterial: (base: VersionRow) => boolean; check?: (merged: VersionRow) => void },
): Promise<{ outcome: UpdateOutcome; before: VersionRow | null }> {
  if (resource.status === "archived")
    throw conflict("archived", "An archived resource cannot be edited");
  const pending = await getVersion(tx, resource.pendingVersionId);
  const live = await getVersion(tx, resource.liveVersionId);
  if (pending && !isEditable(pending)) {
    throw conflict("in_review", "A version is in review: withdraw it before editing");
  }
  if (Object.keys(columns).length === 0) {
    const current = live ?? pending;
    return {
      outcome: live
        ? { versionId: live.id, state: "published", needsReview: false }
        : { versionId: pending?.id ?? "", state: "draft", needsReview: true },
      before: current,
    };
  }
  if (isEditable(pending)) {
    opts.check?.({ ...pending, ...columns });
    await tx.update(resourceVersions).set(columns).where(eq(resourceVersions.id, pending.id));
    await tx.update(resources).set({ updatedAt: now() }).where(eq(resources.id, resource.id));
    const state = pending.state === "changes_requested" ? "changes_requested" : "draft";
    return { outcome: { versionId: pending.id, state, needsReview: true }, before: pending };
  }
  const latest = await latestVersion(tx, resource.id);
  const base = live ?? latest;
  opts.check?.({ ...base, ...columns });
  const material = !live || opts.isMaterial(base);
  const [created] = await tx
    .insert(resourceVersions)
    .values({
      ...contentOf(base),
      ...columns,
      resourceId: resource.id,
      version: latest.version + 1,
      state: material ? "draft" : "published",
      createdBy: actorUserId(actor),
      decidedAt: material ? null : now(),
    })
    .returning({ id: resourceVersions.id });
  const versionId = created!.id;
  if (material) {
    await tx
      .update(resources)
      .set({ pendingVersionId: versionId, updatedAt: now() })
      .where(eq(resources.id, resource.id));
    return { outcome: { versionId, state: "draft", needsReview: true }, before: base };
  }
  await tx
    .update(resourceVersions)
    .set({ state: "superseded" })
    .where(eq(resourceVersions.id, live!.id));
  await tx
    .update(resources)
    .set({ liveVersionId: versionId, updatedAt: now() })
    .where(eq(resources.id, resource.id));
  return { outcome: { versionId, state: "published", needsReview: false }, before: base };
}
