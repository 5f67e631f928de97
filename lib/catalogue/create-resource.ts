import { eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { resources, resourceVersions, creditStandard } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { withInstitution } from "@/lib/institutions/with-institution";
import { refreshSearchRow } from "@/lib/search/documents";
import { assertFieldCode, writeOffers } from "./internal";
import {
  longerInstitutionSlugs,
  resourceSlugFor,
  slugError,
  slugReservedBy,
} from "./resource-slug";
import { createResourceSchema } from "./schemas";
import { toVersionColumns } from "./version-fields";

export function viaOf(actor: Actor): string {
  if (actor.type === "api_key") return `api_key:${actor.keyId}`;
  return actor.type === "operator" ? `operator:${actor.name}` : "ui";
}

export async function currency(tx: DbOrTx): Promise<string> {
  const [s] = await tx.select({ currency: creditStandard.currency }).from(creditStandard);
  return s?.currency ?? "CNY";
}

/**
 * Create a resource with its first version, as a draft for review (or, for an operator migrating
 * an approved catalogue, published at once: `publish`, audited).
 */
export async function createResource(
  actor: Actor,
  institutionSlug: string,
  rawInput: unknown,
  opts: { publish?: boolean; tx?: DbOrTx } = {},
): Promise<{ id: string; slug: string; versionId: string; status: string }> {
  const input = parseInput(createResourceSchema, rawInput);
  const run = async (tx: DbOrTx) => {
    const inst = await withInstitution(tx, actor, institutionSlug, "resources:edit");
    await assertFieldCode(tx, input.fieldCode);
    const made = resourceSlugFor(inst.slug, input);
    if ("issue" in made) throw slugError(made);
    const reserved = slugReservedBy(made.slug, await longerInstitutionSlugs(tx, inst.slug));
    if (reserved) throw slugError(reserved);
    const slug = made.slug;
    const at = now();
    const [resource] = await tx
      .insert(resources)
      .values({
        institutionId: inst.id,
        slug,
        kind: input.kind,
        status: opts.publish ? "published" : "draft",
        firstPublishedAt: opts.publish ? at : null,
        createdBy: actorUserId(actor),
      })
      .onConflictDoNothing({ target: resources.slug })
      .returning({ id: resources.id });
    if (!resource) {
      throw new AppError("CONFLICT", "validation", "slug: taken", {
        fields: { slug: { code: "taken" } },
      });
    }
    const [version] = await tx
      .insert(resourceVersions)
      .values({
        ...(toVersionColumns(input) as Required<ReturnType<typeof toVersionColumns>>),
        resourceId: resource.id,
        version: 1,
        state: opts.publish ? "published" : "draft",
        createdBy: actorUserId(actor),
        decidedAt: opts.publish ? at : null,
      })
      .returning({ id: resourceVersions.id });
    await tx
      .update(resources)
      .set(opts.publish ? { liveVersionId: version!.id } : { pendingVersionId: version!.id })
      .where(eq(resources.id, resource.id));
    await writeOffers(tx, resource.id, input.offers, await currency(tx));
    await writeAudit(tx, {
      actorId: actorUserId(actor),
      action: opts.publish ? "resource.import_publish" : "resource.create",
      targetType: "resource",
      targetId: resource.id,
      institutionId: inst.id,
      after: {
        slug,
        kind: input.kind,
        via: viaOf(actor),
      },
    });
    if (opts.publish) await refreshSearchRow(tx, resource.id);
    return {
      id: resource.id,
      slug,
      versionId: version!.id,
      status: opts.publish ? "published" : "draft",
    };
  };
  if (opts.tx) return run(opts.tx);
  const db = await getDb();
  const result = await db.transaction(run);
  return result;
}
