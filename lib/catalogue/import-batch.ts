import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db";
import { catalogueImportRows, resourceOffers, resources, resourceVersions } from "@/db/schema";
import { writeAudits } from "@/lib/audit";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { refreshSearchRows } from "@/lib/search/documents";
import { viaOf } from "./create-resource";
import { newOfferRows } from "./internal";
import type { CreateResourceInput } from "./schemas";
import { toVersionColumns } from "./version-fields";

export type ValidRow = { line: number; input: CreateResourceInput; slug: string };

export type BatchTarget = {
  actor: Actor;
  institutionId: string;
  currency: string;
  publish: boolean;
  importId: string | null;
};

/**
 * Write checked rows in the caller's transaction with one multi-row insert per table: the same
 * rows createResource writes for one (resource, first version, offers, audit entry, search row
 * when published), plus the import's (import, line) → resource rows. Any refusal by the
 * database fails the whole batch; the caller then retries it row by row.
 */
export async function insertImportBatch(
  tx: DbOrTx,
  target: BatchTarget,
  rows: readonly ValidRow[],
): Promise<{ line: number; id: string; slug: string }[]> {
  if (rows.length === 0) return [];
  const at = now();
  const by = actorUserId(target.actor);
  const { publish } = target;
  const made = rows.map((r) => ({ ...r, id: randomUUID(), versionId: randomUUID() }));
  await tx.insert(resources).values(
    made.map((r) => ({
      id: r.id,
      institutionId: target.institutionId,
      slug: r.slug,
      kind: r.input.kind,
      status: publish ? ("published" as const) : ("draft" as const),
      firstPublishedAt: publish ? at : null,
      createdBy: by,
      liveVersionId: publish ? r.versionId : null,
      pendingVersionId: publish ? null : r.versionId,
    })),
  );
  // The rows below only refer to the resources: sent together, postgres.js pipelines them on
  // the transaction's connection instead of waiting a round trip for each.
  const offers = made.flatMap((r) => newOfferRows(r.id, r.input.offers, target.currency));
  const { importId } = target;
  await Promise.all([
    tx.insert(resourceVersions).values(
      made.map((r) => ({
        ...(toVersionColumns(r.input) as Required<ReturnType<typeof toVersionColumns>>),
        id: r.versionId,
        resourceId: r.id,
        version: 1,
        state: publish ? ("published" as const) : ("draft" as const),
        createdBy: by,
        decidedAt: publish ? at : null,
      })),
    ),
    offers.length > 0 ? tx.insert(resourceOffers).values(offers) : null,
    writeAudits(
      tx,
      made.map((r) => ({
        actorId: by,
        action: publish ? "resource.import_publish" : "resource.create",
        targetType: "resource",
        targetId: r.id,
        institutionId: target.institutionId,
        after: { slug: r.slug, kind: r.input.kind, via: viaOf(target.actor), importId },
      })),
    ),
    importId
      ? tx
          .insert(catalogueImportRows)
          .values(made.map((r) => ({ importId, line: r.line, resourceId: r.id })))
      : null,
  ]);
  if (publish)
    await refreshSearchRows(
      tx,
      made.map((r) => r.id),
    );
  return made.map((r) => ({ line: r.line, id: r.id, slug: r.slug }));
}
