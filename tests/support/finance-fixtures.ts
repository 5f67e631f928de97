import { createHash } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { buyInSandbox, buyingInstitution, lineFor, sellerWithCourse } from "./commerce-fixtures";

/** A seller whose seats sell from 1 (150.00 each), and an institution that bought `n` of them. */
export async function boughtSeats(n: number) {
  const sale = await sellerWithCourse({
    offers: { learner: { amountMinor: 19900 }, seat: { amountMinor: 15000, minQuantity: 1 } },
  });
  const buyer = await buyingInstitution();
  const placed = await buyInSandbox(buyer.finance, {
    buyer: buyer.inst.slug,
    lines: [await lineFor(sale.course.id, "seat", n)],
  });
  const db = await getDb();
  const [line] = await db
    .select()
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, placed.orderId));
  const [licence] = await db.select().from(s.licences).where(eq(s.licences.orderLineId, line!.id));
  return { ...sale, buyer, orderId: placed.orderId, line: line!, licence: licence! };
}

export async function seatsOf(licenceId: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.licenceSeats)
    .where(eq(s.licenceSeats.licenceId, licenceId))
    .orderBy(asc(s.licenceSeats.seatNo));
}

/**
 * Put seats in the states the licence pages would (the seat assignment service is another
 * feature's): `assigned` with a pending invitation, or `activated` with an accepted one.
 */
export async function setSeat(
  licenceId: string,
  seatNo: number,
  state: "assigned" | "activated",
  email = `seat-${seatNo}@example.test`,
) {
  const db = await getDb();
  const [seat] = await db
    .update(s.licenceSeats)
    .set({ state })
    .where(and(eq(s.licenceSeats.licenceId, licenceId), eq(s.licenceSeats.seatNo, seatNo)))
    .returning();
  const [inv] = await db
    .insert(s.seatInvitations)
    .values({
      licenceId,
      seatId: seat!.id,
      email,
      tokenHash: createHash("sha256").update(`${licenceId}:${seatNo}:${email}`).digest("hex"),
      status: state === "assigned" ? "pending" : "accepted",
      expiresAt: new Date(Date.now() + 14 * 86_400_000),
    })
    .returning();
  return { seat: seat!, invitation: inv! };
}

export async function lineState(lineId: string) {
  const db = await getDb();
  const [line] = await db.select().from(s.orderLines).where(eq(s.orderLines.id, lineId));
  return line!;
}

export async function refundsOfLine(lineId: string) {
  const db = await getDb();
  return db.select().from(s.refunds).where(eq(s.refunds.lineId, lineId));
}
