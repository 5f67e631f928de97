import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import {
  fieldsOfStudy,
  frameworkLevels,
  institutions,
  resources,
  resourceVersions,
} from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { offersOf, versionDto } from "./staff-queries";
import { materialChanges } from "./version-fields";

/** The alliance's queue: versions in review, oldest first, with what changed against live. */
export async function listReviewQueue(viewer: Viewer) {
  if (!canOnPlatform(viewer, "resources:review")) throw forbidden();
  const db = await getDb();
  const live = alias(resourceVersions, "live");
  const rows = await db
    .select({
      version: resourceVersions,
      live,
      resource: { id: resources.id, slug: resources.slug, kind: resources.kind },
      institution: {
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
      },
      field: { nameZh: fieldsOfStudy.nameZh, nameEn: fieldsOfStudy.nameEn },
      levelLabel: { zh: frameworkLevels.labelZh, en: frameworkLevels.labelEn },
    })
    .from(resourceVersions)
    .innerJoin(
      resources,
      and(
        eq(resources.id, resourceVersions.resourceId),
        eq(resources.pendingVersionId, resourceVersions.id),
      ),
    )
    .innerJoin(institutions, eq(institutions.id, resources.institutionId))
    .leftJoin(live, eq(live.id, resources.liveVersionId))
    .leftJoin(fieldsOfStudy, eq(fieldsOfStudy.code, resourceVersions.fieldCode))
    .leftJoin(frameworkLevels, eq(frameworkLevels.level, resourceVersions.level))
    .where(eq(resourceVersions.state, "in_review"))
    .orderBy(asc(resourceVersions.submittedAt))
    .limit(200);
  const offersFor = await offersOf(rows.map((r) => r.resource.id));
  return rows.map((r) => ({
    resourceId: r.resource.id,
    slug: r.resource.slug,
    kind: r.resource.kind,
    institution: r.institution,
    submittedAt: r.version.submittedAt,
    version: versionDto(r.version),
    field: r.field,
    levelLabel: r.levelLabel,
    offers: offersFor(r.resource.id),
    live: r.live
      ? {
          version: r.live.version,
          creditsX100: r.live.creditsX100,
          level: r.live.level,
          minScore: r.live.minScore,
          minAttendancePct: r.live.minAttendancePct,
          outcomes: r.live.outcomes,
        }
      : null,
    // null for a first publication: everything is new.
    materialChanges: r.live ? materialChanges(r.version, r.live) : null,
  }));
}
export type ReviewQueueItem = Awaited<ReturnType<typeof listReviewQueue>>[number];
