import { and, asc, eq, gt, inArray, lte, or, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { enrolments, licenceSeats, seatInvitations, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { addSeconds, now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import type { Viewer } from "@/lib/auth/load-principal";
import { newToken } from "@/lib/auth/tokens";
import { sendMail } from "@/lib/mail";
import { appUrl } from "@/lib/accounts/service";
import { withInstitution, type LockedInstitution } from "@/lib/institutions/with-institution";
import { isLocale, type Locale } from "@/i18n/routing";
import { LicenceError } from "./errors";
import { assertUsable, lockLicence, ownLicence, type LockedLicence } from "./licence-rows";
import {
  assignSeatsSchema,
  parseAddressList,
  revokeSeatInvitationSchema,
  SEAT_INVITATION_DAYS,
} from "./schemas";

/**
 * Assign seats by e-mail (one address or a pasted list). Each address takes one unassigned seat
 * and gets a single-use invitation bound to it; on a site licence the invitation has no seat and
 * there is no count limit. All or nothing: a bad address, too few free seats or an address that
 * already holds a place on this licence refuses the whole list.
 */
export async function assignSeats(
  viewer: Viewer,
  input: unknown,
  requestLocale: Locale = "zh-CN",
): Promise<{ invitationIds: string[] }> {
  const data = parseInput(assignSeatsSchema, input);
  const emails = parseAddressList(data.emails);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "licences:manage",
    );
    const lic = ownLicence(await lockLicence(tx, data.licenceId), inst.id);
    const at = now();
    assertUsable(lic, at);
    await reclaimExpired(tx, lic.id, at);
    await refuseHolders(tx, lic, emails, at);
    let seatIds: (string | null)[] = emails.map(() => null);
    if (lic.kind === "seats") {
      const free = await tx
        .select({ id: licenceSeats.id })
        .from(licenceSeats)
        .where(and(eq(licenceSeats.licenceId, lic.id), eq(licenceSeats.state, "unassigned")))
        .orderBy(asc(licenceSeats.seatNo))
        .limit(emails.length);
      if (free.length < emails.length) {
        throw new LicenceError(
          "CONFLICT",
          "not_enough_seats",
          `${emails.length} addresses but only ${free.length} free seats`,
          { free: free.length, asked: emails.length },
        );
      }
      seatIds = free.map((s) => s.id);
      await tx
        .update(licenceSeats)
        .set({ state: "assigned", updatedAt: at })
        .where(inArray(licenceSeats.id, seatIds as string[]));
    }
    const expiresAt = addSeconds(at, SEAT_INVITATION_DAYS * 24 * 60 * 60);
    const tokens = emails.map(() => newToken());
    const made = await tx
      .insert(seatInvitations)
      .values(
        emails.map((email, i) => ({
          licenceId: lic.id,
          seatId: seatIds[i],
          email,
          tokenHash: tokens[i]!.tokenHash,
          invitedBy: viewer.userId,
          expiresAt,
          createdAt: at,
        })),
      )
      .returning({ id: seatInvitations.id, email: seatInvitations.email });
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "licence.assign_seats",
      targetType: "licence",
      targetId: lic.id,
      institutionId: inst.id,
      after: { emails, seatIds, invitationIds: made.map((m) => m.id) },
    });
    await mailInvitations(tx, inst, lic, emails, tokens, requestLocale);
    return { invitationIds: made.map((m) => m.id) };
  });
}

/**
 * Refuse addresses that already hold a place on this licence: a pending, unexpired invitation,
 * an accepted one whose seat is still activated, or (site licence) a live enrolment through it.
 */
async function refuseHolders(tx: Tx, lic: LockedLicence, emails: string[], at: Date) {
  const held = await tx
    .select({ email: seatInvitations.email })
    .from(seatInvitations)
    .leftJoin(licenceSeats, eq(licenceSeats.id, seatInvitations.seatId))
    .where(
      and(
        eq(seatInvitations.licenceId, lic.id),
        inArray(seatInvitations.email, emails),
        or(
          and(eq(seatInvitations.status, "pending"), gt(seatInvitations.expiresAt, at)),
          and(eq(seatInvitations.status, "accepted"), eq(licenceSeats.state, "activated")),
        ),
      ),
    );
  const enrolled = await tx
    .select({ email: users.email })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(
      and(
        eq(enrolments.licenceId, lic.id),
        inArray(users.email, emails),
        // `live`: active, suspended or completed — the unique index's own condition, so it is used.
        sql`${enrolments.live}`,
      ),
    );
  const first = [...held, ...enrolled][0];
  if (first) {
    throw new LicenceError(
      "CONFLICT",
      "address_holds_seat",
      `${first.email} already holds an invitation or a seat on this licence`,
      { address: first.email },
    );
  }
}

/** Invitations that lapsed unused give their seats back to the pool (under the licence lock). */
export async function reclaimExpired(tx: Tx, licenceId: string, at: Date): Promise<void> {
  const lapsed = await tx
    .update(seatInvitations)
    .set({ status: "revoked", decidedAt: at })
    .where(
      and(
        eq(seatInvitations.licenceId, licenceId),
        eq(seatInvitations.status, "pending"),
        lte(seatInvitations.expiresAt, at),
      ),
    )
    .returning({ id: seatInvitations.id, seatId: seatInvitations.seatId });
  const seatIds = lapsed.flatMap((l) => (l.seatId ? [l.seatId] : []));
  if (seatIds.length > 0) {
    await tx
      .update(licenceSeats)
      .set({ state: "unassigned", updatedAt: at })
      .where(and(inArray(licenceSeats.id, seatIds), eq(licenceSeats.state, "assigned")));
  }
  if (lapsed.length > 0) {
    await writeAudit(tx, {
      actorId: null,
      action: "licence.invitations_expired",
      targetType: "licence",
      targetId: licenceId,
      after: { invitationIds: lapsed.map((l) => l.id) },
    });
  }
}

async function mailInvitations(
  tx: Tx,
  inst: LockedInstitution,
  lic: LockedLicence,
  emails: string[],
  tokens: { token: string }[],
  requestLocale: Locale,
) {
  const known = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(inArray(users.email, emails));
  const localeOf = new Map(known.map((k) => [k.email, k.locale]));
  for (const [i, email] of emails.entries()) {
    const own = localeOf.get(email);
    const l: Locale = own && isLocale(own) ? own : requestLocale;
    // The invitation and its mail commit together (a rollback mails nothing).
    await sendMail(tx, email, l, {
      kind: "seat_invitation",
      institution: l === "zh-CN" ? inst.nameZh : inst.nameEn,
      resource: l === "zh-CN" ? lic.titleZh : lic.titleEn,
      link: appUrl(l, `/seats/${tokens[i]!.token}`),
      expiresDays: SEAT_INVITATION_DAYS,
    });
  }
}

/** Revoke a pending invitation: its seat (if any) becomes unassigned again, ready for reuse. */
export async function revokeSeatInvitation(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(revokeSeatInvitationSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "licences:manage",
    );
    const [target] = await tx
      .select({ licenceId: seatInvitations.licenceId })
      .from(seatInvitations)
      .where(eq(seatInvitations.id, data.invitationId));
    if (!target) throw notFound("Invitation not found");
    const lic = ownLicence(await lockLicence(tx, target.licenceId), inst.id);
    const at = now();
    const [inv] = await tx
      .update(seatInvitations)
      .set({ status: "revoked", decidedAt: at })
      .where(and(eq(seatInvitations.id, data.invitationId), eq(seatInvitations.status, "pending")))
      .returning();
    if (!inv) {
      throw new AppError("CONFLICT", "invitation_not_pending", "Only a pending invitation");
    }
    if (inv.seatId) {
      await tx
        .update(licenceSeats)
        .set({ state: "unassigned", updatedAt: at })
        .where(and(eq(licenceSeats.id, inv.seatId), eq(licenceSeats.state, "assigned")));
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "licence.revoke_invitation",
      targetType: "seat_invitation",
      targetId: inv.id,
      institutionId: inst.id,
      before: { email: inv.email, status: "pending" },
      after: { status: "revoked", seatId: inv.seatId, licenceId: lic.id },
    });
  });
}
