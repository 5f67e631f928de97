import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { assignSeats } from "@/lib/licences/assign";
import { acceptSeat } from "@/lib/licences/accept";
import { invitationsOf, learnerAt, licensee, seatTokenFor } from "../support/licence-fixtures";

// Seat refunds themselves are tested with the refund service (finance-*.test.ts).
describe("[LICENCES] a refunded seat", () => {
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
