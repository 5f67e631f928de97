import "server-only";
import { and, asc, count, desc, eq, isNotNull, or } from "drizzle-orm";
import { getDb } from "@/db";
import {
  catalogueSearch,
  fieldsOfStudy,
  frameworkLevels,
  institutions,
  resourceOffers,
  resources,
  resourceVersions,
  type deliveryModes,
  type institutionKinds,
  type Outcome,
  type resourceKinds,
} from "@/db/schema";
import type { SearchHit } from "@/lib/search/query";

/*
 * Public (visitor and partner API) reads of the catalogue. A resource is public when it is
 * published, has a live version and belongs to a member institution: the same rule that puts it
 * in catalogue_search. DTOs use the API's units (creditsX100, amountMinor + currency) and carry
 * no internal columns (states, reviewers, pending versions, ids of people).
 */

export type Money = { amountMinor: number; currency: string };

export type PublicOffers = {
  learner?: Money;
  seat?: Money & { minQuantity: number; termMonths: number };
  siteLicence?: Money & { termMonths: number };
};

export type PublicResource = {
  id: string;
  slug: string;
  kind: (typeof resourceKinds)[number];
  version: number;
  titleZh: string;
  titleEn: string;
  summaryZh: string;
  summaryEn: string;
  descriptionMd: string;
  fieldCode: string;
  fieldNameZh: string;
  fieldNameEn: string;
  level: number;
  levelLabelZh: string;
  levelLabelEn: string;
  creditsX100: number;
  learningHours: number;
  outcomes: Outcome[];
  languages: string[];
  deliveryMode: (typeof deliveryModes)[number];
  assessment: string;
  completionRule: { minScore: number | null; minAttendancePct: number | null };
  prerequisites: string;
  capacity: number | null;
  enrolOpensAt: string | null; // ISO 8601, as the API takes it
  enrolClosesAt: string | null;
  coverImageUrl: string | null;
  publishedAt: string | null;
  institution: {
    slug: string;
    nameZh: string;
    nameEn: string;
    kind: (typeof institutionKinds)[number];
  };
  offers: PublicOffers;
};

export type PublicInstitution = {
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: (typeof institutionKinds)[number];
  website: string | null;
  descriptionZh: string;
  descriptionEn: string;
  publishedResourceCount: number;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const isPublic = and(
  eq(resources.status, "published"),
  isNotNull(resources.liveVersionId),
  eq(institutions.status, "member"),
);

/** Keys are ours (`covers/<uuid>.<ext>`); encoding each segment keeps odd ones inert anyway. */
function coverUrl(key: string | null): string | null {
  if (!key) return null;
  return `/uploads/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/** A public resource by id or slug, with its live version; null when it is not public. */
export async function getPublicResource(idOrSlug: string): Promise<PublicResource | null> {
  const key = idOrSlug.trim().toLowerCase();
  const isUuid = uuidPattern.test(key);
  // Anything else cannot match a stored slug; answering early keeps odd input away from SQL.
  if (!isUuid && (key.length > 120 || !slugPattern.test(key))) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: resources.id,
      slug: resources.slug,
      kind: resources.kind,
      firstPublishedAt: resources.firstPublishedAt,
      v: {
        version: resourceVersions.version,
        titleZh: resourceVersions.titleZh,
        titleEn: resourceVersions.titleEn,
        summaryZh: resourceVersions.summaryZh,
        summaryEn: resourceVersions.summaryEn,
        descriptionMd: resourceVersions.descriptionMd,
        fieldCode: resourceVersions.fieldCode,
        level: resourceVersions.level,
        creditsX100: resourceVersions.creditsX100,
        learningHours: resourceVersions.learningHours,
        outcomes: resourceVersions.outcomes,
        languages: resourceVersions.languages,
        deliveryMode: resourceVersions.deliveryMode,
        assessment: resourceVersions.assessment,
        minScore: resourceVersions.minScore,
        minAttendancePct: resourceVersions.minAttendancePct,
        prerequisites: resourceVersions.prerequisites,
        capacity: resourceVersions.capacity,
        enrolOpensAt: resourceVersions.enrolOpensAt,
        enrolClosesAt: resourceVersions.enrolClosesAt,
        coverImageKey: resourceVersions.coverImageKey,
      },
      fieldNameZh: fieldsOfStudy.nameZh,
      fieldNameEn: fieldsOfStudy.nameEn,
      levelLabelZh: frameworkLevels.labelZh,
      levelLabelEn: frameworkLevels.labelEn,
      institution: {
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
        kind: institutions.kind,
      },
    })
    .from(resources)
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .innerJoin(resourceVersions, eq(resourceVersions.id, resources.liveVersionId))
    .innerJoin(fieldsOfStudy, eq(fieldsOfStudy.code, resourceVersions.fieldCode))
    .leftJoin(frameworkLevels, eq(frameworkLevels.level, resourceVersions.level))
    .where(
      and(
        isPublic,
        isUuid ? or(eq(resources.id, key), eq(resources.slug, key)) : eq(resources.slug, key),
      ),
    )
    .limit(1);
  if (!row) return null;

  const offerRows = await db
    .select({
      kind: resourceOffers.kind,
      amountMinor: resourceOffers.amountMinor,
      currency: resourceOffers.currency,
      minQuantity: resourceOffers.minQuantity,
      termMonths: resourceOffers.termMonths,
    })
    .from(resourceOffers)
    .where(eq(resourceOffers.resourceId, row.id));
  const offers: PublicOffers = {};
  for (const o of offerRows) {
    const money = { amountMinor: o.amountMinor, currency: o.currency };
    if (o.kind === "learner") offers.learner = money;
    else if (o.kind === "seat") {
      offers.seat = { ...money, minQuantity: o.minQuantity, termMonths: o.termMonths };
    } else offers.siteLicence = { ...money, termMonths: o.termMonths };
  }

  const v = row.v;
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    version: v.version,
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    summaryZh: v.summaryZh,
    summaryEn: v.summaryEn,
    descriptionMd: v.descriptionMd,
    fieldCode: v.fieldCode,
    fieldNameZh: row.fieldNameZh,
    fieldNameEn: row.fieldNameEn,
    level: v.level,
    levelLabelZh: row.levelLabelZh ?? String(v.level),
    levelLabelEn: row.levelLabelEn ?? String(v.level),
    creditsX100: v.creditsX100,
    learningHours: v.learningHours,
    outcomes: v.outcomes,
    languages: v.languages,
    deliveryMode: v.deliveryMode,
    assessment: v.assessment,
    completionRule: { minScore: v.minScore, minAttendancePct: v.minAttendancePct },
    prerequisites: v.prerequisites,
    capacity: v.capacity,
    enrolOpensAt: v.enrolOpensAt?.toISOString() ?? null,
    enrolClosesAt: v.enrolClosesAt?.toISOString() ?? null,
    coverImageUrl: coverUrl(v.coverImageKey),
    publishedAt: row.firstPublishedAt?.toISOString() ?? null,
    institution: row.institution,
    offers,
  };
}

/** A member institution's public profile; null for applicants, suspended or unknown slugs. */
export async function getPublicInstitution(slug: string): Promise<PublicInstitution | null> {
  const key = slug.trim().toLowerCase();
  if (key.length > 40 || !slugPattern.test(key)) return null;
  const db = await getDb();
  const [inst] = await db
    .select({
      id: institutions.id,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      kind: institutions.kind,
      website: institutions.website,
      descriptionZh: institutions.descriptionZh,
      descriptionEn: institutions.descriptionEn,
    })
    .from(institutions)
    .where(and(eq(institutions.slug, key), eq(institutions.status, "member")));
  if (!inst) return null;
  const [counted] = await db
    .select({ n: count() })
    .from(resources)
    .where(
      and(
        eq(resources.institutionId, inst.id),
        eq(resources.status, "published"),
        isNotNull(resources.liveVersionId),
      ),
    );
  return {
    slug: inst.slug,
    nameZh: inst.nameZh,
    nameEn: inst.nameEn,
    kind: inst.kind,
    website: inst.website,
    descriptionZh: inst.descriptionZh,
    descriptionEn: inst.descriptionEn,
    publishedResourceCount: Number(counted?.n ?? 0),
  };
}

/** Featured resources, newest first, in the shape of search hits (so one card shows both). */
export async function listFeatured(limit = 6): Promise<SearchHit[]> {
  const db = await getDb();
  const rows = await db
    .select({
      id: catalogueSearch.resourceId,
      slug: catalogueSearch.slug,
      titleZh: catalogueSearch.titleZh,
      titleEn: catalogueSearch.titleEn,
      summaryZh: catalogueSearch.summaryZh,
      summaryEn: catalogueSearch.summaryEn,
      institutionSlug: catalogueSearch.institutionSlug,
      institutionNameZh: catalogueSearch.institutionNameZh,
      institutionNameEn: catalogueSearch.institutionNameEn,
      kind: catalogueSearch.kind,
      creditsX100: catalogueSearch.creditsX100,
      level: catalogueSearch.level,
      fieldCode: catalogueSearch.fieldCode,
      priceMinor: catalogueSearch.priceMinor,
      currency: resourceOffers.currency,
    })
    .from(catalogueSearch)
    .leftJoin(
      resourceOffers,
      and(
        eq(resourceOffers.resourceId, catalogueSearch.resourceId),
        eq(resourceOffers.kind, "learner"),
      ),
    )
    .where(eq(catalogueSearch.isFeatured, true))
    .orderBy(desc(catalogueSearch.publishedAt), asc(catalogueSearch.resourceId))
    .limit(Math.max(1, Math.min(50, Math.trunc(limit))));
  return rows.map(({ priceMinor, currency, ...hit }) => ({
    ...hit,
    price: priceMinor === null ? null : { amountMinor: priceMinor, currency: currency ?? "CNY" },
  }));
}
