import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { creditStandard, resources, resourceVersions } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { parseInput } from "@/lib/validation";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { refreshSearchRow } from "@/lib/search/documents";
import { kickOutbox } from "@/lib/outbox";
import {
  assertFieldCode,
  assertConsistent,
  assertOneLanguageComplete,
  conflict,
  getVersion,
  isEditable,
  latestVersion,
  lockResourceForEdit,
  writeOffers,
} from "./internal";
import { resourceIdSchema, updateResourceSchema } from "./schemas";
import { changesMaterialFields, contentOf, toVersionColumns } from "./version-fields";

export type UpdateOutcome = {
  versionId: string;
  // "draft": saved in the working copy, to be submitted; "published": live at once.
  state: "draft" | "changes_requested" | "published";
  needsReview: boolean;
};

/**
 * Edit a resource. A working copy (draft or changes requested) is edited in place. Otherwise a
 * new version is made from the live one: if it changes credits, level, outcomes or the completion
 * rule it waits for review while the live version stays on sale; any other change goes live at
 * once. Offers apply immediately either way. Versions already submitted are never changed.
 */
export async function updateResource(
  actor: Actor,
  rawId: unknown,
  rawInput: unknown,
  opts: { tx?: DbOrTx } = {},
): Promise<UpdateOutcome> {
  const resourceId = parseInput(resourceIdSchema, rawId);
  const patch = parseInput(updateResourceSchema, rawInput);
  // Inside a caller's transaction (an idempotent API write) this becomes a savepoint.
  const result = await (opts.tx ?? (await getDb())).transaction(async (tx) => {
    const resource = await lockResourceForEdit(tx, actor, resourceId);
    if (resource.status === "archived")
      throw conflict("archived", "An archived resource cannot be edited");
    await assertFieldCode(tx, patch.fieldCode);
    const { offers, ...content } = patch;
    const columns = toVersionColumns(content);
    const pending = await getVersion(tx, resource.pendingVersionId);
    const live = await getVersion(tx, resource.liveVersionId);
    let outcome: UpdateOutcome;

    if (pending && !isEditable(pending)) {
      throw conflict("in_review", "A version is in review: withdraw it before editing");
    }
    if (Object.keys(columns).length === 0) {
      outcome = live
        ? { versionId: live.id, state: "published", needsReview: false }
        : { versionId: pending?.id ?? "", state: "draft", needsReview: true };
    } else if (isEditable(pending)) {
      assertOneLanguageComplete({ ...pending, ...columns });
      assertConsistent(resource.kind, { ...pending, ...columns });
      await tx.update(resourceVersions).set(columns).where(eq(resourceVersions.id, pending.id));
      await tx.update(resources).set({ updatedAt: now() }).where(eq(resources.id, resourceId));
      outcome = {
        versionId: pending.id,
        state: pending.state === "changes_requested" ? "changes_requested" : "draft",
        needsReview: true,
      };
    } else {
      const base = live ?? (await latestVersion(tx, resourceId));
      assertOneLanguageComplete({ ...base, ...columns });
      assertConsistent(resource.kind, { ...base, ...columns });
      const material = !live || changesMaterialFields(base, content);
      const next = (await latestVersion(tx, resourceId)).version + 1;
      const [created] = await tx
        .insert(resourceVersions)
        .values({
          ...contentOf(base),
          ...columns,
          resourceId,
          version: next,
          state: material ? "draft" : "published",
          createdBy: actorUserId(actor),
          decidedAt: material ? null : now(),
        })
        .returning({ id: resourceVersions.id });
      if (material) {
        await tx
          .update(resources)
          .set({ pendingVersionId: created!.id, updatedAt: now() })
          .where(eq(resources.id, resourceId));
        outcome = { versionId: created!.id, state: "draft", needsReview: true };
      } else {
        await tx
          .update(resourceVersions)
          .set({ state: "superseded" })
          .where(eq(resourceVersions.id, live!.id));
        await tx
          .update(resources)
          .set({ liveVersionId: created!.id, updatedAt: now() })
          .where(eq(resources.id, resourceId));
        outcome = { versionId: created!.id, state: "published", needsReview: false };
      }
    }
    const [std] = await tx.select({ currency: creditStandard.currency }).from(creditStandard);
    await writeOffers(tx, resourceId, offers, std?.currency ?? "CNY");
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: "resource.update",
      targetType: "resource",
      targetId: resourceId,
      institutionId: resource.institutionId,
      after: { fields: Object.keys(patch), versionId: outcome.versionId, state: outcome.state },
    });
    await refreshSearchRow(tx, resourceId);
    return outcome;
  });
  kickOutbox();
  return result;
}
