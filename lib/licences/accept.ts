import { and, eq, gt, isNotNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import {
  enrolments,
  institutionDomains,
  institutions,
  licenceSeats,
  licences,
  resources,
  resourceVersions,
  seatInvitations,
} from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Viewer } from "@/lib/auth/load-principal";
import { hashToken } from "@/lib/auth/tokens";
import { assertUsable, lockLicence, type LockedLicence } from "./licence-rows";
import { acceptSeatSchema, domainOf, joinSiteLicenceSchema } from "./schemas";

const invalidInvitation = () =>
  new AppError("NOT_FOUND", "invalid_seat_invitation", "This seat invitation does not exist");

function requireVerified(viewer: Viewer): void {
  if (!viewer.emailVerified) {
    throw new AppError("FORBIDDEN", "email_not_verified", "Verify your e-mail address first");
  }
}

/**
 * Accept a seat (or a site-licence invitation) as the signed-in person it was sent to, with a
 * verified address. Locks the licence, then inserts the enrolment: the partial unique index
 * `enrolments_one_live` decides a race with a purchase of the same resource, and the loser is
 * refused (here `already_enrolled`, the invitation left pending) or refunded (fulfilOrder).
 */
export async function acceptSeat(
  viewer: Viewer,
  input: unknown,
): Promise<{ enrolmentId: string; resourceSlug: string }> {
  const { token } = parseInput(acceptSeatSchema, input);
  requireVerified(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ licenceId: seatInvitations.licenceId })
      .from(seatInvitations)
      .where(eq(seatInvitations.tokenHash, hashToken(token)));
    if (!target) throw invalidInvitation();
    const lic = (await lockLicence(tx, target.licenceId))!;
    // Read again under the licence lock: every change to an invitation takes that lock.
    const [inv] = await tx
      .select()
      .from(seatInvitations)
      .where(eq(seatInvitations.tokenHash, hashToken(token)));
    if (!inv) throw invalidInvitation();
    // The address first, so a wrong person learns nothing about the invitation's state.
    if (inv.email !== viewer.email) {
      throw new AppError(
        "FORBIDDEN",
        "seat_for_another_address",
        "This invitation is for another address",
      );
    }
    const at = now();
    if (inv.status === "accepted") {
      throw new AppError("CONFLICT", "invitation_used", "This invitation was already used");
    }
    if (inv.status === "revoked") {
      throw new AppError("CONFLICT", "invitation_revoked", "This invitation was withdrawn");
    }
    if (inv.expiresAt <= at) {
      throw new AppError("CONFLICT", "invitation_expired", "This invitation has expired");
    }
    assertUsable(lic, at);
    if (inv.seatId) await assertSeatAssigned(tx, inv.seatId);
    const enrolmentId = await enrol(tx, viewer, lic, inv.seatId, at);
    if (inv.seatId) {
      await tx
        .update(licenceSeats)
        .set({ state: "activated", updatedAt: at })
        .where(eq(licenceSeats.id, inv.seatId));
    }
    await tx
      .update(seatInvitations)
      .set({ status: "accepted", acceptedBy: viewer.userId, decidedAt: at })
      .where(eq(seatInvitations.id, inv.id));
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: inv.seatId ? "seat.accept" : "site_licence.accept_invitation",
      targetType: "seat_invitation",
      targetId: inv.id,
      institutionId: lic.licenseeInstitutionId,
      after: { enrolmentId, seatId: inv.seatId, licenceId: lic.id },
    });
    return { enrolmentId, resourceSlug: await slugOf(tx, lic.resourceId) };
  });
}

/**
 * Join a site licence at no charge: the learner's verified address is at a confirmed domain of
 * the licensee, or they hold a pending invitation to it (which this uses up).
 */
export async function joinSiteLicence(
  viewer: Viewer,
  input: unknown,
): Promise<{ enrolmentId: string; resourceSlug: string }> {
  const data = parseInput(joinSiteLicenceSchema, input);
  requireVerified(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const lic = await lockLicence(tx, data.licenceId);
    if (!lic || lic.kind !== "site") throw notFound("Licence not found");
    const at = now();
    const [invited] = await tx
      .select({ id: seatInvitations.id })
      .from(seatInvitations)
      .where(
        and(
          eq(seatInvitations.licenceId, lic.id),
          eq(seatInvitations.email, viewer.email),
          eq(seatInvitations.status, "pending"),
          gt(seatInvitations.expiresAt, at),
        ),
      )
      .limit(1);
    const byDomain = invited ? false : await hasConfirmedDomain(tx, lic, viewer.email);
    if (!invited && !byDomain) {
      throw new AppError(
        "FORBIDDEN",
        "not_affiliated",
        "Your verified address is not at a confirmed domain of the licensee, and you hold no invitation",
      );
    }
    assertUsable(lic, at);
    const enrolmentId = await enrol(tx, viewer, lic, null, at);
    if (invited) {
      await tx
        .update(seatInvitations)
        .set({ status: "accepted", acceptedBy: viewer.userId, decidedAt: at })
        .where(eq(seatInvitations.id, invited.id));
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "site_licence.join",
      targetType: "licence",
      targetId: lic.id,
      institutionId: lic.licenseeInstitutionId,
      after: { enrolmentId, by: invited ? "invitation" : "domain" },
    });
    return { enrolmentId, resourceSlug: await slugOf(tx, lic.resourceId) };
  });
}

/** A seat refunded from under a pending invitation is gone: the invitation no longer works. */
async function assertSeatAssigned(tx: Tx, seatId: string): Promise<void> {
  const [seat] = await tx
    .select({ state: licenceSeats.state })
    .from(licenceSeats)
    .where(eq(licenceSeats.id, seatId));
  if (seat?.state !== "assigned") {
    throw new AppError("CONFLICT", "invitation_revoked", "This seat was withdrawn");
  }
}

async function hasConfirmedDomain(tx: Tx, lic: LockedLicence, email: string): Promise<boolean> {
  const [d] = await tx
    .select({ id: institutionDomains.id })
    .from(institutionDomains)
    .where(
      and(
        eq(institutionDomains.institutionId, lic.licenseeInstitutionId),
        eq(institutionDomains.domain, domainOf(email)),
        isNotNull(institutionDomains.confirmedAt),
      ),
    );
  return !!d;
}

/** The free enrolment a seat or site licence gives, at the licensed version; one live per resource. */
async function enrol(
  tx: Tx,
  viewer: Viewer,
  lic: LockedLicence,
  seatId: string | null,
  at: Date,
): Promise<string> {
  const [v] = await tx
    .select()
    .from(resourceVersions)
    .where(eq(resourceVersions.id, lic.resourceVersionId));
  const made = await tx
    .insert(enrolments)
    .values({
      userId: viewer.userId,
      resourceId: lic.resourceId,
      resourceVersionId: lic.resourceVersionId,
      creditsX100: v!.creditsX100,
      level: v!.level,
      fieldCode: v!.fieldCode,
      source: seatId ? "seat" : "site_licence",
      seatId,
      licenceId: lic.id,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: enrolments.id });
  if (made.length === 0) {
    // A live enrolment of this learner on this resource exists (a purchase, another seat).
    throw new AppError(
      "CONFLICT",
      "already_enrolled",
      "You are already enrolled on this resource; the seat stays free for you to keep or decline",
    );
  }
  return made[0]!.id;
}

async function slugOf(tx: Tx, resourceId: string): Promise<string> {
  const [r] = await tx
    .select({ slug: resources.slug })
    .from(resources)
    .where(eq(resources.id, resourceId));
  return r!.slug;
}

/** What the accept page shows for a token: minimal, and nothing when the token is unknown. */
export async function getSeatInvitation(rawToken: unknown) {
  const parsed = acceptSeatSchema.safeParse({ token: rawToken });
  if (!parsed.success) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      email: seatInvitations.email,
      status: seatInvitations.status,
      expiresAt: seatInvitations.expiresAt,
      isSite: licences.kind,
      licenceStatus: licences.status,
      validTo: licences.validTo,
      instZh: institutions.nameZh,
      instEn: institutions.nameEn,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
    })
    .from(seatInvitations)
    .innerJoin(licences, eq(licences.id, seatInvitations.licenceId))
    .innerJoin(institutions, eq(institutions.id, licences.licenseeInstitutionId))
    .innerJoin(resourceVersions, eq(resourceVersions.id, licences.resourceVersionId))
    .where(eq(seatInvitations.tokenHash, hashToken(parsed.data.token)));
  if (!row) return null;
  const at = now();
  const state =
    row.status !== "pending"
      ? row.status
      : row.expiresAt <= at
        ? "expired"
        : row.licenceStatus !== "active" || row.validTo <= at
          ? "term_over"
          : "open";
  return {
    email: row.email,
    state: state as "open" | "accepted" | "revoked" | "expired" | "term_over",
    expiresAt: row.expiresAt,
    site: row.isSite === "site",
    institution: { zh: row.instZh, en: row.instEn },
    resource: { zh: row.titleZh, en: row.titleEn },
  };
}
