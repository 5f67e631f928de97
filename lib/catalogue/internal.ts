import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { fieldsOfStudy, resourceOffers, resources, resourceVersions } from "@/db/schema";
import { now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { withInstitutionById } from "@/lib/institutions/with-institution";
import { offerKindOf, type OffersInput } from "./schemas";

export type ResourceRow = typeof resources.$inferSelect;
export type VersionRow = typeof resourceVersions.$inferSelect;

/**
 * Lock a resource for a write by someone allowed to edit its institution's resources: the
 * institution first (`FOR SHARE`, with the rights re-checked under it), then the resource.
 */
export async function lockResourceForEdit(
  tx: DbOrTx,
  actor: Actor,
  resourceId: string,
): Promise<ResourceRow> {
  const [owner] = await tx
    .select({ institutionId: resources.institutionId })
    .from(resources)
    .where(eq(resources.id, resourceId));
  if (!owner) throw notFound("Resource not found");
  await withInstitutionById(tx, actor, owner.institutionId, "resources:edit");
  const [resource] = await tx
    .select()
    .from(resources)
    .where(eq(resources.id, resourceId))
    .for("update");
  if (!resource) throw notFound("Resource not found");
  return resource;
}

export async function getVersion(tx: DbOrTx, id: string | null): Promise<VersionRow | null> {
  if (!id) return null;
  const [v] = await tx.select().from(resourceVersions).where(eq(resourceVersions.id, id));
  return v ?? null;
}

export async function latestVersion(tx: DbOrTx, resourceId: string): Promise<VersionRow> {
  const [v] = await tx
    .select()
    .from(resourceVersions)
    .where(eq(resourceVersions.resourceId, resourceId))
    .orderBy(desc(resourceVersions.version))
    .limit(1);
  if (!v) throw new Error(`resource ${resourceId} has no version`);
  return v;
}

/** Field codes are data (the credit standard): an unknown one is named like any bad field. */
export async function assertFieldCode(tx: DbOrTx, code: string | undefined): Promise<void> {
  if (code === undefined) return;
  const [f] = await tx
    .select({ code: fieldsOfStudy.code })
    .from(fieldsOfStudy)
    .where(eq(fieldsOfStudy.code, code));
  if (!f) {
    throw new AppError("BAD_REQUEST", "validation", `fieldCode: unknown ISCED-F code ${code}`, {
      fields: { fieldCode: { code: "invalid_choice" } },
    });
  }
}

/** Apply offers: an object sets that offer, null removes it, absence leaves it alone. */
export async function writeOffers(
  tx: DbOrTx,
  resourceId: string,
  offers: OffersInput | undefined,
  currency: string,
) {
  if (!offers) return;
  for (const [key, kind] of Object.entries(offerKindOf) as [
    keyof OffersInput,
    (typeof offerKindOf)[keyof OffersInput],
  ][]) {
    const offer = offers[key];
    if (offer === undefined) continue;
    if (offer === null) {
      await tx
        .delete(resourceOffers)
        .where(and(eq(resourceOffers.resourceId, resourceId), eq(resourceOffers.kind, kind)));
      continue;
    }
    const values = offerValues(resourceId, kind, offer, currency);
    await tx
      .insert(resourceOffers)
      .values(values)
      .onConflictDoUpdate({
        target: [resourceOffers.resourceId, resourceOffers.kind],
        set: values,
      });
  }
}

/** The row of one offer (shared by edits and bulk import). */
export function offerValues(
  resourceId: string,
  kind: (typeof offerKindOf)[keyof OffersInput],
  offer: { amountMinor: number; minQuantity?: number; termMonths?: number },
  currency: string,
) {
  return {
    resourceId,
    kind,
    amountMinor: offer.amountMinor,
    currency,
    minQuantity: offer.minQuantity ?? 1,
    // A licence runs 12 months unless the offer says otherwise (PRODUCT.md §6).
    termMonths: offer.termMonths ?? 12,
    updatedAt: now(),
  };
}

/** The offers a new resource starts with (null and absent ones have nothing to write). */
export function newOfferRows(resourceId: string, offers: OffersInput, currency: string) {
  return (Object.keys(offerKindOf) as (keyof OffersInput)[]).flatMap((key) => {
    const offer = offers[key];
    return offer ? [offerValues(resourceId, offerKindOf[key], offer, currency)] : [];
  });
}

export function isEditable(v: VersionRow | null): v is VersionRow {
  return !!v && (v.state === "draft" || v.state === "changes_requested");
}

export function conflict(reason: string, message: string): AppError {
  return new AppError("CONFLICT", reason, message);
}

/** After an edit, a version must still have title and summary complete in at least one language. */
export function assertOneLanguageComplete(v: {
  titleZh?: string;
  summaryZh?: string;
  titleEn?: string;
  summaryEn?: string;
}) {
  if ((v.titleZh && v.summaryZh) || (v.titleEn && v.summaryEn)) return;
  throw new AppError(
    "BAD_REQUEST",
    "validation",
    "titleZh/summaryZh or titleEn/summaryEn: one language must stay complete",
    {
      fields: { titleZh: { code: "required" }, titleEn: { code: "required" } },
    },
  );
}

/** Rules that span fields, checked on the version as it will be after an edit. */
export function assertConsistent(
  kind: string,
  v: { creditsX100?: number; enrolOpensAt?: Date | null; enrolClosesAt?: Date | null },
) {
  if (kind === "learning_resource" && v.creditsX100 !== undefined && v.creditsX100 !== 0) {
    throw new AppError(
      "BAD_REQUEST",
      "validation",
      "creditsX100: learning resources carry no credits",
      {
        fields: { creditsX100: { code: "invalid" } },
      },
    );
  }
  if (v.enrolOpensAt && v.enrolClosesAt && v.enrolOpensAt >= v.enrolClosesAt) {
    throw new AppError("BAD_REQUEST", "validation", "enrolClosesAt: must be after enrolOpensAt", {
      fields: { enrolClosesAt: { code: "invalid" } },
    });
  }
}
