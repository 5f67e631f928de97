import { getDb, type DbOrTx } from "@/db";
import { creditStandard } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { parseInput } from "@/lib/validation";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { refreshSearchRow } from "@/lib/search/documents";
import {
  assertConsistent,
  assertFieldCode,
  assertOneLanguageComplete,
  lockResourceForEdit,
  writeOffers,
} from "./internal";
import { changeVersion, type UpdateOutcome } from "./change-version";
import { resourceIdSchema, updateResourceSchema } from "./schemas";
import { changesMaterialFields, toVersionColumns } from "./version-fields";

export type { UpdateOutcome } from "./change-version";

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
    await assertFieldCode(tx, patch.fieldCode);
    const { offers, ...content } = patch;
    const { outcome } = await changeVersion(tx, actor, resource, toVersionColumns(content), {
      isMaterial: (base) => changesMaterialFields(base, content),
      check: (merged) => {
        assertOneLanguageComplete(merged);
        assertConsistent(resource.kind, merged);
      },
    });
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
  return result;
}
