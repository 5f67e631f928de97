import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { getDb } from "@/db";
import { institutions, resourceOffers, resources, resourceVersions } from "@/db/schema";
import { forbidden, notFound } from "@/lib/errors";
import { canAtInstitution } from "@/lib/auth/permissions";
import { listStandardLabels } from "@/lib/standard/queries";
import type { Viewer } from "@/lib/auth/load-principal";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { isEditable, type VersionRow } from "./internal";

/** Reads for the publishing pages of staff and the alliance's review queue (DTOs only). */

/** The institution whose resources the viewer may edit (FORBIDDEN / NOT_FOUND otherwise). */
export async function getPublishingInstitution(viewer: Viewer, institutionSlug: string) {
  const db = await getDb();
  return getInstitutionForStaff(db, viewer, institutionSlug, "resources:edit");
}

export async function listInstitutionResources(viewer: Viewer, institutionSlug: string) {
  const db = await getDb();
  const institution = await getInstitutionForStaff(db, viewer, institutionSlug, "resources:edit");
  const live = alias(resourceVersions, "live");
  const pending = alias(resourceVersions, "pending");
  const rows = await db
    .select({
      id: resources.id,
      slug: resources.slug,
      kind: resources.kind,
      status: resources.status,
      updatedAt: resources.updatedAt,
      liveVersion: live.version,
      liveTitleZh: live.titleZh,
      liveTitleEn: live.titleEn,
      pendingVersion: pending.version,
      pendingState: pending.state,
      pendingReason: pending.reviewReason,
      pendingTitleZh: pending.titleZh,
      pendingTitleEn: pending.titleEn,
    })
    .from(resources)
    .leftJoin(live, eq(live.id, resources.liveVersionId))
    .leftJoin(pending, eq(pending.id, resources.pendingVersionId))
    .where(eq(resources.institutionId, institution.id))
    .orderBy(desc(resources.updatedAt));
  // A rejection clears the pending pointer: the newest version still carries its reason.
  const latest = rows.length
    ? await db
        .selectDistinctOn([resourceVersions.resourceId], {
          resourceId: resourceVersions.resourceId,
          version: resourceVersions.version,
          state: resourceVersions.state,
          reviewReason: resourceVersions.reviewReason,
          titleZh: resourceVersions.titleZh,
          titleEn: resourceVersions.titleEn,
        })
        .from(resourceVersions)
        .where(
          inArray(
            resourceVersions.resourceId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(resourceVersions.resourceId, desc(resourceVersions.version))
    : [];
  const latestOf = new Map(latest.map((l) => [l.resourceId, l]));
  return {
    institution,
    resources: rows.map((r) => {
      const last = latestOf.get(r.id);
      return {
        id: r.id,
        slug: r.slug,
        kind: r.kind,
        status: r.status,
        updatedAt: r.updatedAt,
        titleZh: r.pendingTitleZh ?? r.liveTitleZh ?? last?.titleZh ?? "",
        titleEn: r.pendingTitleEn ?? r.liveTitleEn ?? last?.titleEn ?? "",
        live:
          r.liveVersion !== null
            ? { version: r.liveVersion, titleZh: r.liveTitleZh ?? "", titleEn: r.liveTitleEn ?? "" }
            : null,
        pending:
          r.pendingVersion !== null && r.pendingState !== null
            ? { version: r.pendingVersion, state: r.pendingState, reviewReason: r.pendingReason }
            : null,
        rejected:
          last?.state === "rejected"
            ? { version: last.version, reviewReason: last.reviewReason }
            : null,
      };
    }),
  };
}

type OfferDto = {
  amountMinor: number;
  currency: string;
  minQuantity: number;
  termMonths: number;
};

/** The offers of several resources in one read, by resource id. */
export async function offersOf(resourceIds: string[]) {
  const db = await getDb();
  const rows = resourceIds.length
    ? await db
        .select({
          resourceId: resourceOffers.resourceId,
          kind: resourceOffers.kind,
          amountMinor: resourceOffers.amountMinor,
          currency: resourceOffers.currency,
          minQuantity: resourceOffers.minQuantity,
          termMonths: resourceOffers.termMonths,
        })
        .from(resourceOffers)
        .where(inArray(resourceOffers.resourceId, resourceIds))
    : [];
  return (resourceId: string) => {
    const of = (kind: string): OfferDto | null => {
      const o = rows.find((r) => r.resourceId === resourceId && r.kind === kind);
      return o
        ? {
            amountMinor: o.amountMinor,
            currency: o.currency,
            minQuantity: o.minQuantity,
            termMonths: o.termMonths,
          }
        : null;
    };
    return { learner: of("learner"), seat: of("seat"), siteLicence: of("site_licence") };
  };
}

const bookkeeping = [
  "resourceId",
  "createdBy",
  "createdAt",
  "submittedAt",
  "decidedAt",
  "decidedBy",
  "reviewReason",
] as const;

/** What a version holds, without its bookkeeping columns. */
export function versionDto(v: VersionRow): Omit<VersionRow, (typeof bookkeeping)[number]> {
  const content: Partial<VersionRow> = { ...v };
  for (const key of bookkeeping) delete content[key];
  return content as Omit<VersionRow, (typeof bookkeeping)[number]>;
}
export type VersionDto = ReturnType<typeof versionDto>;

/**
 * A resource as its editor works on it: the working copy is the editable pending version, else
 * the live one, else the newest (a rejected resource is revised from it).
 */
export async function getResourceForEdit(viewer: Viewer, resourceId: string) {
  // An id from the URL: anything but a uuid simply names no resource.
  if (!z.uuid().safeParse(resourceId).success) throw notFound("Resource not found");
  const db = await getDb();
  const [row] = await db
    .select({
      resource: resources,
      institution: {
        id: institutions.id,
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
      },
    })
    .from(resources)
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .where(eq(resources.id, resourceId));
  if (!row) throw notFound("Resource not found");
  if (!canAtInstitution(viewer, "resources:edit", row.institution.id)) throw forbidden();
  const r = row.resource;
  const versions = await db
    .select()
    .from(resourceVersions)
    .where(eq(resourceVersions.resourceId, r.id))
    .orderBy(desc(resourceVersions.version));
  const pending = versions.find((v) => v.id === r.pendingVersionId) ?? null;
  const live = versions.find((v) => v.id === r.liveVersionId) ?? null;
  const newest = versions[0];
  if (!newest) throw notFound("Resource has no version");
  const workingCopy = isEditable(pending) ? pending : (live ?? newest);
  const inReview = pending?.state === "in_review";
  return {
    id: r.id,
    slug: r.slug,
    kind: r.kind,
    status: r.status,
    updatedAt: r.updatedAt,
    institution: row.institution,
    workingCopy: versionDto(workingCopy),
    coverImageKey: workingCopy.coverImageKey,
    offers: (await offersOf([r.id]))(r.id),
    live: live ? { id: live.id, version: live.version } : null,
    pending: pending
      ? {
          id: pending.id,
          version: pending.version,
          state: pending.state,
          reviewReason: pending.reviewReason,
          submittedAt: pending.submittedAt,
        }
      : null,
    rejected:
      newest.state === "rejected"
        ? { version: newest.version, reviewReason: newest.reviewReason }
        : null,
    inReview,
    canEdit: r.status !== "archived" && !inReview,
    canSubmit: r.status !== "archived" && isEditable(pending),
  };
}
export type ResourceForEdit = Awaited<ReturnType<typeof getResourceForEdit>>;

/** Choices of the resource form: ISCED-F narrow fields grouped by broad field, and levels. */
export async function getResourceFormOptions() {
  const { fields, levels } = await listStandardLabels();
  return {
    fieldGroups: fields.map(({ narrow, ...broad }) => ({ ...broad, fields: narrow })),
    levels,
  };
}
export type ResourceFormOptions = Awaited<ReturnType<typeof getResourceFormOptions>>;
