import { and, asc, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import {
  institutionApplications,
  institutionInvitations,
  institutionMembers,
  institutions,
  users,
} from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { getInstitutionForStaff } from "./staff";

export async function listMemberInstitutions() {
  const db = await getDb();
  return db
    .select({
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      kind: institutions.kind,
    })
    .from(institutions)
    .where(eq(institutions.status, "member"))
    .orderBy(asc(institutions.nameEn));
}

/** The staff area's institution, for anyone holding a staff role there. */
export async function getStaffInstitution(viewer: Viewer, slug: string) {
  const db = await getDb();
  return getInstitutionForStaff(db, viewer, slug, "institution:view_staff_area");
}

export async function listStaff(viewer: Viewer, slug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "institution:manage_members");
  const [rows, invitations] = await Promise.all([
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: institutionMembers.role,
      })
      .from(institutionMembers)
      .innerJoin(users, eq(users.id, institutionMembers.userId))
      .where(eq(institutionMembers.institutionId, inst.id))
      .orderBy(asc(users.name), asc(institutionMembers.role)),
    db
      .select({
        id: institutionInvitations.id,
        email: institutionInvitations.email,
        role: institutionInvitations.role,
        expiresAt: institutionInvitations.expiresAt,
        acceptedAt: institutionInvitations.acceptedAt,
      })
      .from(institutionInvitations)
      .where(eq(institutionInvitations.institutionId, inst.id))
      .orderBy(desc(institutionInvitations.createdAt))
      .limit(50),
  ]);
  return { institution: inst, members: rows, invitations };
}

export async function listApplications(
  viewer: Viewer,
  status: "pending" | "approved" | "rejected",
) {
  if (!canOnPlatform(viewer, "members:decide_applications")) throw forbidden();
  const db = await getDb();
  return db
    .select({
      id: institutionApplications.id,
      status: institutionApplications.status,
      message: institutionApplications.message,
      reason: institutionApplications.decisionReason,
      createdAt: institutionApplications.createdAt,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      kind: institutions.kind,
      website: institutions.website,
      applicantName: users.name,
      applicantEmail: users.email,
    })
    .from(institutionApplications)
    .innerJoin(institutions, eq(institutions.id, institutionApplications.institutionId))
    .innerJoin(users, eq(users.id, institutionApplications.applicantId))
    .where(eq(institutionApplications.status, status))
    .orderBy(desc(institutionApplications.createdAt))
    .limit(200);
}

export async function listMyApplications(viewer: Viewer) {
  const db = await getDb();
  return db
    .select({
      id: institutionApplications.id,
      status: institutionApplications.status,
      reason: institutionApplications.decisionReason,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      createdAt: institutionApplications.createdAt,
    })
    .from(institutionApplications)
    .innerJoin(institutions, eq(institutions.id, institutionApplications.institutionId))
    .where(and(eq(institutionApplications.applicantId, viewer.userId)))
    .orderBy(desc(institutionApplications.createdAt));
}
