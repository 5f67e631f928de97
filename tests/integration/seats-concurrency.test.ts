import { describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { placeOrder } from "@/lib/commerce/checkout";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { assignSeats } from "@/lib/licences/assign";
import { acceptSeat } from "@/lib/licences/accept";
import type { Viewer } from "@/lib/auth/load-principal";
import { lineFor, runAllJobs } from "../support/commerce-fixtures";
import { uniqueEmail } from "../support/fixtures";
import {
  countState,
  enrolmentsOf,
  invitationsOf,
  learnerAt,
  licensee,
  seatsOf,
  seatTokenFor,
} from "../support/licence-fixtures";

// PGlite is one connection in one process: its transactions never run side by side, so a race
// cannot happen there and these tests would prove nothing. They run on PostgreSQL only.
const onPostgres = !!process.env.DATABASE_URL;

/** What the learner's orders captured, minus what was refunded (succeeded or still pending). */
async function netCharge(userId: string): Promise<number> {
  const db = await getDb();
  const orders = await db.select().from(s.orders).where(eq(s.orders.placedBy, userId));
  if (orders.length === 0) return 0;
  const ids = orders.map((o) => o.id);
  const paid = await db.select().from(s.payments).where(inArray(s.payments.orderId, ids));
  const back = await db
    .select()
    .from(s.refunds)
    .where(
      and(inArray(s.refunds.orderId, ids), inArray(s.refunds.status, ["pending", "succeeded"])),
    );
  const sum = (xs: { amountMinor: number }[]) => xs.reduce((a, x) => a + x.amountMinor, 0);
  return sum(paid) - sum(back);
}

async function buy(me: Viewer, courseId: string): Promise<"paid" | "refused"> {
  try {
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(courseId, "learner")],
      locale: "en",
    });
    const url = await startPayment(me, { orderId: placed.orderId });
    await decideSandboxPayment(me, { sessionId: url.split("/").at(-1)!, decision: "confirm" });
    return "paid";
  } catch (e) {
    expect(e).toMatchObject({ reason: "already_enrolled" });
    return "refused";
  }
}

describe.runIf(onPostgres)("[LICENCES] seats under concurrency (PostgreSQL)", () => {
  it("50 simultaneous assignments of the last 3 seats: exactly 3 succeed, 47 clear refusals", async () => {
    const { inst, finance, licence } = await licensee(10);
    const base = { institutionSlug: inst.slug, licenceId: licence.id };
    const seven = Array.from({ length: 7 }, () => uniqueEmail()).join("\n");
    await assignSeats(finance, { ...base, emails: seven });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => assignSeats(finance, { ...base, emails: uniqueEmail() })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(47);
    for (const r of refused) {
      expect(r.reason).toMatchObject({ reason: "not_enough_seats", params: { free: 0, asked: 1 } });
    }
    const seats = await seatsOf(licence.id);
    expect(countState(seats, "assigned")).toBe(10);
    expect(countState(seats, "unassigned")).toBe(0);
    const invs = await invitationsOf(licence.id);
    expect(invs).toHaveLength(10);
    expect(new Set(invs.map((i) => i.seatId)).size).toBe(10);
  });

  it("accepting a seat while the order waits for payment: the purchase line is refunded", async () => {
    const { inst, finance, licence, course } = await licensee(10);
    const me = await learnerAt();
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: me.email,
    });
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
      locale: "en",
    });
    const url = await startPayment(me, { orderId: placed.orderId });
    await acceptSeat(me, { token: await seatTokenFor(me.email) });
    await decideSandboxPayment(me, { sessionId: url.split("/").at(-1)!, decision: "confirm" });
    const db = await getDb();
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    expect(line).toMatchObject({ state: "unfulfillable", stateReason: "already_enrolled" });
    const [refund] = await db.select().from(s.refunds).where(eq(s.refunds.orderId, placed.orderId));
    expect(refund).toMatchObject({ amountMinor: 19900, reason: "unfulfillable" });
    await runAllJobs();
    const [done] = await db.select().from(s.refunds).where(eq(s.refunds.id, refund!.id));
    expect(done!.status).toBe("succeeded");
    expect(await netCharge(me.userId)).toBe(0);
    expect(await enrolmentsOf(me.userId)).toEqual([expect.objectContaining({ source: "seat" })]);
  });

  it("buying and accepting a seat at the same moment: one enrolment, never charged for both", async () => {
    const { inst, finance, licence, course } = await licensee(12);
    const people = await Promise.all(Array.from({ length: 12 }, () => learnerAt()));
    await assignSeats(finance, {
      institutionSlug: inst.slug,
      licenceId: licence.id,
      emails: people.map((p) => p.email).join("\n"),
    });
    const tokens = await Promise.all(people.map((p) => seatTokenFor(p.email)));
    await Promise.all(
      people.map(async (me, i) => {
        const [bought, accepted] = await Promise.allSettled([
          buy(me, course.id),
          acceptSeat(me, { token: tokens[i]! }),
        ]);
        expect(bought.status).toBe("fulfilled");
        const live = (await enrolmentsOf(me.userId)).filter((e) => e.status === "active");
        expect(live).toHaveLength(1);
        if (live[0]!.source === "seat") {
          expect(accepted.status).toBe("fulfilled");
          expect(await netCharge(me.userId)).toBe(0);
        } else {
          expect(accepted.status === "rejected" && accepted.reason).toMatchObject({
            reason: "already_enrolled",
          });
          expect(await netCharge(me.userId)).toBe(19900);
          expect((await invitationsOf(licence.id, me.email))[0]!.status).toBe("pending");
        }
      }),
    );
    await runAllJobs();
    const seats = await seatsOf(licence.id);
    const db = await getDb();
    const bySeat = await db
      .select()
      .from(s.enrolments)
      .where(and(eq(s.enrolments.licenceId, licence.id), eq(s.enrolments.source, "seat")));
    expect(countState(seats, "activated")).toBe(bySeat.length);
    for (const me of people) expect((await enrolmentsOf(me.userId)).length).toBe(1);
  });
});
