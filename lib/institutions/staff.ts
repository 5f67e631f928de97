import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { institutionInvitations, institutionMembers, institutions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { addSeconds, now } from "@/lib/clock";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { lockRows } from "@/lib/db/lock-order";
import { canAtInstitution, type InstitutionPermission } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { sendMail } from "@/lib/mail";
import { appUrl } from "@/lib/accounts/service";
import { tokenSchema } from "@/lib/accounts/schemas";
import { isLocale, type Locale } from "@/i18n/routing";
import { inviteStaffSchema, removeRoleSchema, slugSchema } from "./schemas";
import { withInstitution } from "./with-institution";

export const INVITATION_DAYS = 7;

/**
 * For reads: the institution, if the viewer holds `permission` there; otherwise FORBIDDEN (or
 * NOT_FOUND). Writes use `withInstitution`, which checks again inside their transaction.
 */
export async function getInstitutionForStaff(
  db: DbOrTx,
  viewer: Viewer,
  slug: string,
  permission: InstitutionPermission,
) {
  // A slug from a URL: anything malformed is simply not found (and never reaches SQL).
  if (!slugSchema.safeParse(slug).success) throw notFound("Institution not found");
  const [inst] = await db
    .select({
      id: institutions.id,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
      status: institutions.status,
    })
    .from(institutions)
    .where(eq(institutions.slug, slug));
  if (!inst) throw notFound("Institution not found");
  if (!canAtInstitution(viewer, permission, inst.id)) throw forbidden();
  return inst;
}

/** The owner invites staff by e-mail with a role: single-use, expiring, bound to the address. */
export async function inviteStaff(
  viewer: Viewer,
  input: unknown,
  requestLocale: Locale,
): Promise<void> {
  const data = parseInput(inviteStaffSchema, input);
  const db = await getDb();
  const { token, tokenHash } = newToken();
  await db.transaction(async (tx) => {
    // A membership change: FOR UPDATE, so it waits for the writes in progress there.
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:manage_members",
      { lock: "update" },
    );
    const [inv] = await tx
      .insert(institutionInvitations)
      .values({
        institutionId: inst.id,
        email: data.email,
        role: data.role,
        tokenHash,
        invitedBy: viewer.userId,
        expiresAt: addSeconds(now(), INVITATION_DAYS * 24 * 60 * 60),
      })
      .returning({ id: institutionInvitations.id });
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "member.invite",
      targetType: "institution_invitation",
      targetId: inv!.id,
      institutionId: inst.id,
      after: { email: data.email, role: data.role },
    });
    const [invitee] = await tx
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.email, data.email));
    const l = invitee && isLocale(invitee.locale) ? invitee.locale : requestLocale;
    // The invitation and its mail commit together.
    await sendMail(tx, data.email, l, {
      kind: "invitation",
      institution: l === "zh-CN" ? inst.nameZh : inst.nameEn,
      role: data.role,
      link: appUrl(l, `/invitations/${token}`),
      expiresDays: INVITATION_DAYS,
    });
  });
}

/** What an invitation link shows before it is accepted (nothing if it is not usable). */
export async function findOpenInvitation(rawToken: unknown) {
  const token = parseInput(tokenSchema, rawToken);
  const db = await getDb();
  const [inv] = await db
    .select({
      id: institutionInvitations.id,
      email: institutionInvitations.email,
      role: institutionInvitations.role,
      slug: institutions.slug,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
    })
    .from(institutionInvitations)
    .innerJoin(institutions, eq(institutions.id, institutionInvitations.institutionId))
    .where(
      and(
        eq(institutionInvitations.tokenHash, hashToken(token)),
        isNull(institutionInvitations.acceptedAt),
        isNull(institutionInvitations.revokedAt),
        gt(institutionInvitations.expiresAt, now()),
      ),
    );
  return inv ?? null;
}

/** Accept an invitation as the signed-in person it was sent to. */
export async function acceptInvitation(
  viewer: Viewer,
  rawToken: unknown,
): Promise<{ slug: string }> {
  const token = parseInput(tokenSchema, rawToken);
  if (!viewer.emailVerified) {
    throw new AppError("FORBIDDEN", "email_not_verified", "Verify your e-mail address first");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    // A membership change locks the institution FOR UPDATE, first (the lock order).
    const [target] = await tx
      .select({ institutionId: institutionInvitations.institutionId })
      .from(institutionInvitations)
      .where(eq(institutionInvitations.tokenHash, hashToken(token)));
    if (target) {
      await lockRows(tx, "institution", institutions, [target.institutionId], "update");
    }
    const [inv] = await tx
      .update(institutionInvitations)
      .set({ acceptedAt: now(), acceptedBy: viewer.userId })
      .where(
        and(
          eq(institutionInvitations.tokenHash, hashToken(token)),
          eq(institutionInvitations.email, viewer.email),
          isNull(institutionInvitations.acceptedAt),
          isNull(institutionInvitations.revokedAt),
          gt(institutionInvitations.expiresAt, now()),
        ),
      )
      .returning({
        id: institutionInvitations.id,
        institutionId: institutionInvitations.institutionId,
        role: institutionInvitations.role,
      });
    if (!inv) {
      throw new AppError(
        "BAD_REQUEST",
        "invalid_invitation",
        "This invitation is invalid, used, expired, or for another address",
      );
    }
    await tx
      .insert(institutionMembers)
      .values({ institutionId: inv.institutionId, userId: viewer.userId, role: inv.role })
      .onConflictDoNothing();
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "member.accept_invitation",
      targetType: "institution_invitation",
      targetId: inv.id,
      institutionId: inv.institutionId,
      after: { userId: viewer.userId, role: inv.role },
    });
    const [inst] = await tx
      .select({ slug: institutions.slug })
      .from(institutions)
      .where(eq(institutions.id, inv.institutionId));
    return { slug: inst!.slug };
  });
}

/**
 * Remove one role of a staff member. Their session version moves on, so the removed role stops
 * working at their very next request. The last owner cannot be removed.
 */
export async function removeMemberRole(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(removeRoleSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    // FOR UPDATE: a write in progress by this person finishes first, and every later one sees
    // the removal; two owners removing each other are serialised, so one owner always remains.
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "institution:manage_members",
      { lock: "update" },
    );
    const owners = await tx
      .select({ userId: institutionMembers.userId })
      .from(institutionMembers)
      .where(
        and(eq(institutionMembers.institutionId, inst.id), eq(institutionMembers.role, "owner")),
      );
    if (data.role === "owner" && owners.length <= 1 && owners[0]?.userId === data.userId) {
      throw new AppError("CONFLICT", "last_owner", "An institution keeps at least one owner");
    }
    const removed = await tx
      .delete(institutionMembers)
      .where(
        and(
          eq(institutionMembers.institutionId, inst.id),
          eq(institutionMembers.userId, data.userId),
          eq(institutionMembers.role, data.role),
        ),
      )
      .returning({ userId: institutionMembers.userId });
    if (removed.length === 0) throw notFound("This person does not hold that role");
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: now() })
      .where(eq(users.id, data.userId));
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "member.remove_role",
      targetType: "user",
      targetId: data.userId,
      institutionId: inst.id,
      before: { role: data.role },
      after: null,
    });
  });
}
