import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { assignSeats, revokeSeatInvitation } from "@/lib/licences/assign";
import { acceptSeat, getSeatInvitation } from "@/lib/licences/accept";
import { listLicences } from "@/lib/licences/queries";
import { buyingInstitution } from "../support/commerce-fixtures";
import { auditFor, mailsTo, uniqueEmail } from "../support/fixtures";
import {
  countState,
  enrolmentsOf,
  invitationsOf,
  learnerAt,
  licensee,
  seatsOf,
  seatTokenFor,
} from "../support/licence-fixtures";

afterEach(() => {
  vi.useRealTimers();
});

const rejects = (p: Promise<unknown>, reason: string) =>
  expect(p).rejects.toMatchObject({ reason });

describe("[LICENCES] assigning seats", () => {
  it("a pasted list: split, trimmed, lower-cased, de-duplicated; one seat and one mail each", async () => {
    const { inst, finance, licence } = await licensee(10);
    const a = uniqueEmail("a");
    const b = uniqueEmail("b");
    const { invitationIds } = await assignSeats(
      finance,
      {
        institutionSlug: inst.slug,
        licenceId: licence.id,
        emails: ` ${a.toUpperCase()},\n${b}; ${a}  `,
      },
      "en",
    );
    expect(invitationIds).toHaveLength(2);
    const seats = await seatsOf(licence.id);
    expect(countState(seats, "assigned")).toBe(2);
    expect(countState(seats, "unassigned")).toBe(8);
    const invs = await invitationsOf(licence.id);
    expect(invs.map((i) => i.email).sort()).toEqual([a, b].sort());
    // Only the token's hash is kept; the mailed token is not stored.
    const token = await seatTokenFor(a);
    expect(invs.some((i) => i.tokenHash === token)).toBe(false);
    expect((await mailsTo(b))[0]!.subject).toContain("assigned you a seat");
    expect(invs[0]!.expiresAt.getTime() - invs[0]!.createdAt.getTime()).toBe(14 * 86400_000);
    expect((await auditFor(licence.id)).map((r) => r.action)).toContain("licence.assign_seats");
  });

  it("a bad address is named and nothing is assigned", async () => {
    const { inst, finance, licence } = await licensee(10);
    const good = uniqueEmail();
    await expect(
      assignSeats(finance, {
        institutionSlug: inst.slug,
        licenceId: licence.id,
        emails: `${good}\nnot-an-address`,
      }),
    ).rejects.toMatchObject({ reason: "invalid_address", params: { address: "not-an-address" } });
    await rejects(
      assignSeats(finance, { institutionSlug: inst.slug, licenceId: licence.id, emails: " ;, " }),
      "no_addresses",
    );
    await rejects(
      assignSeats(finance, { institutionSlug: inst.slug, licenceId: "nope", emails: good }),
      "validation",
    );
    expect(countState(await seatsOf(licence.id), "unassigned")).toBe(10);
    expect(await mailsTo(good)).toEqual([]);
  });

  it("more addresses than free seats is refused with how many are free", async () => {
    const { inst, finance, licence } = await licensee(10);
    const first = Array.from({ length: 8 }, () => uniqueEmail()).join("\n");
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: first,
    });
    const three = [uniqueEmail(), uniqueEmail(), uniqueEmail()].join(",");
    await expect(
      assignSeats(finance, { institutionSlug: inst.slug, licenceId: licence.id, emails: three }),
    ).rejects.toMatchObject({ reason: "not_enough_seats", params: { free: 2, asked: 3 } });
    expect(countState(await seatsOf(licence.id), "assigned")).toBe(8);
  });

  it("an address with a pending invitation or an activated seat is refused", async () => {
    const { inst, finance, licence } = await licensee(10);
    const me = await learnerAt();
    const other = uniqueEmail();
    const input = { institutionSlug: inst.slug, licenceId: licence.id };
    await assignSeats(finance, { ...input, emails: me.email });
    await expect(
      assignSeats(finance, { ...input, emails: `${other} ${me.email}` }),
    ).rejects.toMatchObject({ reason: "address_holds_seat", params: { address: me.email } });
    await acceptSeat(me, { token: await seatTokenFor(me.email) });
    await rejects(assignSeats(finance, { ...input, emails: me.email }), "address_holds_seat");
    expect(await mailsTo(other)).toEqual([]);
  });

  it("another institution's licence is not found; staff without licences:manage are refused", async () => {
    const { inst, finance, licence, course } = await licensee(10);
    const stranger = await buyingInstitution();
    await rejects(
      assignSeats(stranger.finance, {
        institutionSlug: stranger.inst.slug,
        licenceId: licence.id,
        emails: uniqueEmail(),
      }),
      "not_found",
    );
    await rejects(
      assignSeats(stranger.finance, {
        institutionSlug: inst.slug,
        licenceId: licence.id,
        emails: uniqueEmail(),
      }),
      "forbidden",
    );
    await rejects(listLicences(stranger.finance, inst.slug), "forbidden");
    const { invitationIds } = await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: uniqueEmail(),
    });
    const theirs = { institutionSlug: stranger.inst.slug, invitationId: invitationIds[0]! };
    await rejects(revokeSeatInvitation(stranger.finance, theirs), "not_found");
    expect(course.id).toBeTruthy();
    expect(countState(await seatsOf(licence.id), "unassigned")).toBe(9);
  });

  it("refused after the term and when the licence is not active", async () => {
    const { inst, finance, licence } = await licensee(10);
    const input = { institutionSlug: inst.slug, licenceId: licence.id, emails: uniqueEmail() };
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(licence.validTo.getTime() + 1000) });
    await rejects(assignSeats(finance, input), "licence_term_over");
    vi.useRealTimers();
    const db = await getDb();
    await db.update(s.licences).set({ status: "suspended" }).where(eq(s.licences.id, licence.id));
    await rejects(assignSeats(finance, input), "licence_inactive");
  });
});

describe("[LICENCES] revoking and accepting", () => {
  it("a revoked invitation frees its seat for reuse, and its link stops working", async () => {
    const { inst, finance, licence } = await licensee(10);
    const me = await learnerAt();
    const input = { institutionSlug: inst.slug, licenceId: licence.id, emails: me.email };
    const { invitationIds } = await assignSeats(finance, input);
    const oldToken = await seatTokenFor(me.email);
    const id = invitationIds[0]!;
    await revokeSeatInvitation(finance, { institutionSlug: inst.slug, invitationId: id });
    expect(countState(await seatsOf(licence.id), "unassigned")).toBe(10);
    await rejects(
      revokeSeatInvitation(finance, { institutionSlug: inst.slug, invitationId: id }),
      "invitation_not_pending",
    );
    await rejects(acceptSeat(me, { token: oldToken }), "invitation_revoked");
    // Reused: the same address may be invited again and accept the new link.
    await assignSeats(finance, input);
    const fresh = await seatTokenFor(me.email);
    expect(fresh).not.toBe(oldToken);
    await acceptSeat(me, { token: fresh });
    expect(countState(await seatsOf(licence.id), "activated")).toBe(1);
    expect((await getSeatInvitation(oldToken))?.state).toBe("revoked");
  });

  it("accepting enrols at no charge, at the licence's version; the link is single-use", async () => {
    const { inst, finance, licence } = await licensee(10);
    const me = await learnerAt();
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: me.email,
    });
    const token = await seatTokenFor(me.email);
    expect(await getSeatInvitation(token)).toMatchObject({
      email: me.email,
      state: "open",
      site: false,
    });
    await acceptSeat(me, { token });
    const [e] = await enrolmentsOf(me.userId);
    expect(e).toMatchObject({
      source: "seat",
      licenceId: licence.id,
      resourceVersionId: licence.resourceVersionId,
      creditsX100: 300,
      status: "active",
      orderLineId: null,
    });
    const [inv] = await invitationsOf(licence.id, me.email);
    expect(inv).toMatchObject({ status: "accepted", acceptedBy: me.userId });
    expect(e!.seatId).toBe(inv!.seatId);
    await rejects(acceptSeat(me, { token }), "invitation_used");
    const listed = await listLicences(finance, inst.slug);
    expect(listed.licences[0]).toMatchObject({ free: 9, seats: { activated: 1, unassigned: 9 } });
    expect(listed.licences[0]!.accepted.map((a) => a.email)).toEqual([me.email]);
  });

  it("the wrong address learns only that; unverified and bad tokens are refused", async () => {
    const { inst, finance, licence } = await licensee(10);
    const invited = uniqueEmail();
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: invited,
    });
    const token = await seatTokenFor(invited);
    const wrong = await learnerAt();
    await expect(acceptSeat(wrong, { token })).rejects.toMatchObject({
      reason: "seat_for_another_address",
      message: "This invitation is for another address",
    });
    const unverified = await learnerAt(uniqueEmail(), false);
    await rejects(acceptSeat(unverified, { token }), "email_not_verified");
    await rejects(acceptSeat(wrong, { token: "x".repeat(43) }), "invalid_seat_invitation");
    await rejects(acceptSeat(wrong, { token: "" }), "validation");
    expect(await getSeatInvitation("x".repeat(43))).toBeNull();
    // A new person signs up with the invited address, verifies, and accepts.
    const newcomer = await learnerAt(invited);
    await acceptSeat(newcomer, { token });
    expect(await enrolmentsOf(newcomer.userId)).toHaveLength(1);
    expect(await enrolmentsOf(wrong.userId)).toEqual([]);
  });

  it("an expired invitation is refused and its seat returns to the pool", async () => {
    const { inst, finance, licence } = await licensee(10);
    const me = await learnerAt();
    const input = { institutionSlug: inst.slug, licenceId: licence.id, emails: me.email };
    await assignSeats(finance, input);
    const token = await seatTokenFor(me.email);
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(Date.now() + 15 * 86400_000) });
    await rejects(acceptSeat(me, { token }), "invitation_expired");
    expect((await getSeatInvitation(token))?.state).toBe("expired");
    expect((await listLicences(finance, inst.slug)).licences[0]!.free).toBe(10);
    // The next assignment takes the lapsed seat back; the address may be invited again.
    await assignSeats(finance, { ...input, emails: `${me.email} ${uniqueEmail()}` });
    const seats = await seatsOf(licence.id);
    expect(countState(seats, "assigned")).toBe(2);
    expect((await invitationsOf(licence.id, me.email)).map((i) => i.status).sort()).toEqual([
      "pending",
      "revoked",
    ]);
  });

  it("after the term no new activations; running enrolments stay", async () => {
    const { inst, finance, licence } = await licensee(10);
    const early = await learnerAt();
    const late = await learnerAt();
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: `${early.email},${late.email}`,
    });
    await acceptSeat(early, { token: await seatTokenFor(early.email) });
    const lateToken = await seatTokenFor(late.email);
    const db = await getDb();
    // Move the term into the past (the invitation itself is still unexpired).
    await db
      .update(s.licences)
      .set({
        validFrom: new Date(Date.now() - 400 * 86400_000),
        validTo: new Date(Date.now() - 1000),
      })
      .where(eq(s.licences.id, licence.id));
    await rejects(acceptSeat(late, { token: lateToken }), "licence_term_over");
    expect((await getSeatInvitation(lateToken))?.state).toBe("term_over");
    expect(await enrolmentsOf(late.userId)).toEqual([]);
    expect((await enrolmentsOf(early.userId))[0]!.status).toBe("active");
  });

  it("a learner already enrolled is refused; the seat stays assigned and the invitation pending", async () => {
    const { inst, finance, licence, course } = await licensee(10);
    const me = await learnerAt();
    const { buyInSandbox, lineFor } = await import("../support/commerce-fixtures");
    await buyInSandbox(me, { buyer: "self", lines: [await lineFor(course.id, "learner")] });
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: me.email,
    });
    await rejects(acceptSeat(me, { token: await seatTokenFor(me.email) }), "already_enrolled");
    expect(countState(await seatsOf(licence.id), "assigned")).toBe(1);
    expect((await invitationsOf(licence.id, me.email))[0]!.status).toBe("pending");
    expect(await enrolmentsOf(me.userId)).toHaveLength(1);
  });
});
