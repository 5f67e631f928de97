import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  enrolments,
  institutionDomains,
  institutions,
  licenceSeats,
  licences,
  resourceVersions,
  seatInvitations,
  users,
} from "@/db/schema";
import { now } from "@/lib/clock";
import { forbidden } from "@/lib/errors";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { domainOf } from "./schemas";

type SeatCounts = { unassigned: number; assigned: number; activated: number; refunded: number };

/**
 * The licences an institution bought, for its finance staff and owner: term, seat counts by
 * state (an assigned seat whose invitation lapsed counts as free: the next assignment takes it
 * back), pending invitations and who activated a seat.
 */
export async function listLicences(viewer: Viewer, slug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "licences:manage");
  const at = now();
  const rows = await db
    .select({ l: licences, titleZh: resourceVersions.titleZh, titleEn: resourceVersions.titleEn })
    .from(licences)
    .innerJoin(resourceVersions, eq(resourceVersions.id, licences.resourceVersionId))
    .where(eq(licences.licenseeInstitutionId, inst.id))
    .orderBy(desc(licences.createdAt), asc(licences.id));
  const ids = rows.map((r) => r.l.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({
            licenceId: licenceSeats.licenceId,
            state: licenceSeats.state,
            n: sql<number>`count(*)::int`,
          })
          .from(licenceSeats)
          .where(inArray(licenceSeats.licenceId, ids))
          .groupBy(licenceSeats.licenceId, licenceSeats.state);
  const invitations =
    ids.length === 0
      ? []
      : await db
          .select({
            id: seatInvitations.id,
            licenceId: seatInvitations.licenceId,
            email: seatInvitations.email,
            status: seatInvitations.status,
            expiresAt: seatInvitations.expiresAt,
            decidedAt: seatInvitations.decidedAt,
            hasSeat: isNotNull(seatInvitations.seatId),
          })
          .from(seatInvitations)
          .where(
            and(
              inArray(seatInvitations.licenceId, ids),
              inArray(seatInvitations.status, ["pending", "accepted"]),
            ),
          )
          .orderBy(asc(seatInvitations.email));
  const joined =
    ids.length === 0
      ? []
      : await db
          .select({ licenceId: enrolments.licenceId, n: sql<number>`count(*)::int` })
          .from(enrolments)
          .where(and(inArray(enrolments.licenceId, ids), isNull(enrolments.seatId)))
          .groupBy(enrolments.licenceId);
  return {
    institution: inst,
    licences: rows.map(({ l, titleZh, titleEn }) => {
      const seats: SeatCounts = { unassigned: 0, assigned: 0, activated: 0, refunded: 0 };
      for (const c of counts.filter((c) => c.licenceId === l.id)) seats[c.state] = Number(c.n);
      const mine = invitations.filter((i) => i.licenceId === l.id);
      const lapsed = mine.filter(
        (i) => i.status === "pending" && i.expiresAt <= at && i.hasSeat,
      ).length;
      return {
        id: l.id,
        kind: l.kind,
        status: l.status,
        title: { zh: titleZh, en: titleEn },
        validFrom: l.validFrom,
        validTo: l.validTo,
        usable: l.status === "active" && at >= l.validFrom && at < l.validTo,
        seatCount: l.seatCount,
        seats,
        free: seats.unassigned + lapsed,
        siteEnrolments: Number(joined.find((j) => j.licenceId === l.id)?.n ?? 0),
        pending: mine
          .filter((i) => i.status === "pending")
          .map((i) => ({
            id: i.id,
            email: i.email,
            expiresAt: i.expiresAt,
            expired: i.expiresAt <= at,
          })),
        accepted: mine
          .filter((i) => i.status === "accepted")
          .map((i) => ({ id: i.id, email: i.email, acceptedAt: i.decidedAt })),
      };
    }),
  };
}

/** The owner's list of the institution's mail domains. */
export async function listDomains(viewer: Viewer, slug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "institution:edit_profile");
  const domains = await db
    .select({
      id: institutionDomains.id,
      domain: institutionDomains.domain,
      confirmedAt: institutionDomains.confirmedAt,
    })
    .from(institutionDomains)
    .where(eq(institutionDomains.institutionId, inst.id))
    .orderBy(asc(institutionDomains.domain));
  return { institution: inst, domains };
}

/** The alliance admin's queue: listed domains awaiting confirmation, with who listed them. */
export async function listPendingDomains(viewer: Viewer) {
  if (!canOnPlatform(viewer, "domains:confirm")) throw forbidden();
  const db = await getDb();
  return db
    .select({
      id: institutionDomains.id,
      domain: institutionDomains.domain,
      createdAt: institutionDomains.createdAt,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      addedBy: users.email,
    })
    .from(institutionDomains)
    .innerJoin(institutions, eq(institutions.id, institutionDomains.institutionId))
    .leftJoin(users, eq(users.id, institutionDomains.addedBy))
    .where(isNull(institutionDomains.confirmedAt))
    .orderBy(asc(institutionDomains.createdAt), asc(institutionDomains.id));
}

/**
 * Site licences a learner may join now: by a confirmed domain of their verified address, or a
 * pending invitation to them. Those they already joined are left out.
 */
export async function siteLicencesFor(viewer: Viewer) {
  if (!viewer.emailVerified) return [];
  const db = await getDb();
  const at = now();
  const domain = domainOf(viewer.email);
  const invited = db
    .select({ id: seatInvitations.licenceId })
    .from(seatInvitations)
    .where(
      and(
        eq(seatInvitations.email, viewer.email),
        eq(seatInvitations.status, "pending"),
        isNull(seatInvitations.seatId),
        gt(seatInvitations.expiresAt, at),
      ),
    );
  const byDomain = db
    .select({ id: institutionDomains.institutionId })
    .from(institutionDomains)
    .where(and(eq(institutionDomains.domain, domain), isNotNull(institutionDomains.confirmedAt)));
  const rows = await db
    .select({
      id: licences.id,
      resourceId: licences.resourceId,
      validTo: licences.validTo,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      instZh: institutions.nameZh,
      instEn: institutions.nameEn,
    })
    .from(licences)
    .innerJoin(resourceVersions, eq(resourceVersions.id, licences.resourceVersionId))
    .innerJoin(institutions, eq(institutions.id, licences.licenseeInstitutionId))
    .where(
      and(
        eq(licences.kind, "site"),
        eq(licences.status, "active"),
        lte(licences.validFrom, at),
        gt(licences.validTo, at),
        sql`(${licences.id} in ${invited} or ${licences.licenseeInstitutionId} in ${byDomain})`,
        sql`not exists (select 1 from ${enrolments} e where e.user_id = ${viewer.userId}
          and e.resource_id = ${licences.resourceId}
          and e.live)`,
      ),
    )
    .orderBy(asc(licences.validTo));
  return rows;
}
