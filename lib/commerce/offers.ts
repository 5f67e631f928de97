import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { resourceOffers, resources, resourceVersions } from "@/db/schema";

export type OfferRow = {
  resourceId: string;
  slug: string;
  status: string;
  sellerInstitutionId: string;
  versionId: string | null;
  titleZh: string | null;
  titleEn: string | null;
  capacity: number | null;
  enrolOpensAt: Date | null;
  enrolClosesAt: Date | null;
  kind: string | null;
  amountMinor: number | null;
  currency: string | null;
  minQuantity: number | null;
  termMonths: number | null;
};

/** Each resource's live version and its offer of the asked kind, as they are now. */
export async function loadOffers(
  tx: DbOrTx,
  wanted: readonly { resourceId: string; offerKind: string }[],
): Promise<Map<string, OfferRow>> {
  const ids = [...new Set(wanted.map((w) => w.resourceId))];
  const rows = await tx
    .select({
      resourceId: resources.id,
      slug: resources.slug,
      status: resources.status,
      sellerInstitutionId: resources.institutionId,
      versionId: resourceVersions.id,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      capacity: resourceVersions.capacity,
      enrolOpensAt: resourceVersions.enrolOpensAt,
      enrolClosesAt: resourceVersions.enrolClosesAt,
      kind: resourceOffers.kind,
      amountMinor: resourceOffers.amountMinor,
      currency: resourceOffers.currency,
      minQuantity: resourceOffers.minQuantity,
      termMonths: resourceOffers.termMonths,
    })
    .from(resources)
    .leftJoin(resourceVersions, eq(resourceVersions.id, resources.liveVersionId))
    .leftJoin(resourceOffers, eq(resourceOffers.resourceId, resources.id))
    .where(inArray(resources.id, ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]));
  const byKey = new Map<string, OfferRow>();
  for (const r of rows) {
    // A resource without the asked offer still appears (kind null) so the error can say which.
    const key = `${r.resourceId}:${r.kind}`;
    byKey.set(key, r);
    if (!byKey.has(`${r.resourceId}:*`)) byKey.set(`${r.resourceId}:*`, { ...r, kind: null });
  }
  return byKey;
}

export function offerFor(
  offers: Map<string, OfferRow>,
  resourceId: string,
  kind: string,
): { resource: OfferRow | undefined; offer: OfferRow | undefined } {
  return { resource: offers.get(`${resourceId}:*`), offer: offers.get(`${resourceId}:${kind}`) };
}
