import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { assignSeats } from "@/lib/licences/assign";
import { acceptSeat } from "@/lib/licences/accept";
import { refundUnusedSeats } from "@/lib/licences/refund-seats";
import { auditFor, uniqueEmail } from "../support/fixtures";
import {
  countState,
  invitationsOf,
  learnerAt,
  licensee,
  seatsOf,
  seatTokenFor,
} from "../support/licence-fixtures";

describe("[LICENCES] refunding unused seats", () => {
  it("takes unassigned seats first, then assigned ones (their links stop working), never activated ones", async () => {
    const { inst, finance, licence } = await licensee(10);
    const active = await learnerAt();
    const waiting = await learnerAt();
    const others = Array.from({ length: 7 }, () => uniqueEmail());
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: [active.email, waiting.email, ...others].join("\n"),
    });
    await acceptSeat(active, { token: await seatTokenFor(active.email) });
    const waitingToken = await seatTokenFor(waiting.email);
    const db = await getDb();
    const first = await db.transaction((tx) => refundUnusedSeats(tx, licence.id, 1, null));
    expect(first.refunded).toBe(1);
    let seats = await seatsOf(licence.id);
    expect(countState(seats, "unassigned")).toBe(0);
    expect(countState(seats, "refunded")).toBe(1);
    // Ask for all ten: the activated seat stays, so nine at most.
    const rest = await db.transaction((tx) =>
      refundUnusedSeats(tx, licence.id, 10, finance.userId),
    );
    expect(rest.refunded).toBe(8);
    seats = await seatsOf(licence.id);
    expect(countState(seats, "activated")).toBe(1);
    expect(countState(seats, "refunded")).toBe(9);
    expect((await invitationsOf(licence.id, waiting.email))[0]!.status).toBe("revoked");
    await expect(acceptSeat(waiting, { token: waitingToken })).rejects.toMatchObject({
      reason: "invitation_revoked",
    });
    expect(
      (await auditFor(licence.id)).filter((a) => a.action === "licence.refund_seats"),
    ).toHaveLength(2);
    const [lic] = await db.select().from(s.licences).where(eq(s.licences.id, licence.id));
    expect(lic!.status).toBe("active");
  });

  it("a seat refunded from under a pending invitation cannot be accepted", async () => {
    const { inst, finance, licence } = await licensee(10);
    const me = await learnerAt();
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: me.email,
    });
    const [inv] = await invitationsOf(licence.id, me.email);
    const db = await getDb();
    // Another code path refunding the seat without revoking the invitation.
    await db
      .update(s.licenceSeats)
      .set({ state: "refunded" })
      .where(eq(s.licenceSeats.id, inv!.seatId!));
    await expect(acceptSeat(me, { token: await seatTokenFor(me.email) })).rejects.toMatchObject({
      reason: "invitation_revoked",
    });
  });
});
