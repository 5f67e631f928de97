import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { archiveResource } from "@/lib/catalogue/lifecycle";
import { placeOrder } from "@/lib/commerce/checkout";
import { expireLapsedOrders } from "@/lib/commerce/expire";
import { fulfilOrder } from "@/lib/commerce/fulfil";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { confirmPayment } from "@/lib/commerce/payment-events";
import { now } from "@/lib/clock";
import {
  buyInSandbox,
  learner,
  lineFor,
  runAllJobs,
  sellerWithCourse,
} from "../support/commerce-fixtures";

beforeAll(async () => {
  await getDb();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("[COMMERCE] fulfilment", () => {
  it("a free enrolment is fulfilled at once, through the same function, with no payment", async () => {
    const { course } = await sellerWithCourse({ offers: { learner: { amountMinor: 0 } } });
    const me = await learner();
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    expect(placed).toMatchObject({ status: "paid", route: "free" });
    const db = await getDb();
    const [e] = await db.select().from(s.enrolments).where(eq(s.enrolments.userId, me.userId));
    expect(e).toMatchObject({ resourceId: course.id, source: "purchase", status: "active" });
    expect(
      await db.select().from(s.payments).where(eq(s.payments.orderId, placed.orderId)),
    ).toEqual([]);
    // Running fulfilment again changes nothing.
    await db.transaction((tx) => fulfilOrder(tx, placed.orderId));
    expect(
      await db.select().from(s.enrolments).where(eq(s.enrolments.userId, me.userId)),
    ).toHaveLength(1);
  });

  it("a cart from two sellers: fees floor per line, shares plus fees equal the total, one transfer each", async () => {
    const a = await sellerWithCourse({ offers: { learner: { amountMinor: 19999 } } });
    const b = await sellerWithCourse({ offers: { learner: { amountMinor: 333 } } });
    const me = await learner();
    const placed = await buyInSandbox(me, {
      buyer: "self",
      lines: [await lineFor(a.course.id, "learner"), await lineFor(b.course.id, "learner")],
    });
    const db = await getDb();
    const [order] = await db.select().from(s.orders).where(eq(s.orders.id, placed.orderId));
    const lines = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    // floor(19999 × 10%) = 1999 and floor(333 × 10%) = 33.
    expect(lines.map((l) => l.feeMinor).sort((x, y) => x - y)).toEqual([33, 1999]);
    expect(order!.feeMinor).toBe(2032);
    expect(lines.reduce((sum, l) => sum + l.feeMinor + l.shareMinor, 0)).toBe(order!.totalMinor);
    await runAllJobs();
    const transfers = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, placed.orderId));
    expect(transfers.map((t) => [t.sellerInstitutionId, t.amountMinor, t.status]).sort()).toEqual(
      [
        [a.seller.id, 18000, "sent"],
        [b.seller.id, 300, "sent"],
      ].sort(),
    );
  });

  it("a lapsed hold is released by the expiry job; a late payment still fulfils while places remain", async () => {
    const { course } = await sellerWithCourse({ capacity: 5 });
    const me = await learner();
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    const url = await startPayment(me, { orderId: placed.orderId });
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31 * 60_000 });
    expect(await expireLapsedOrders(now())).toBeGreaterThanOrEqual(1);
    const db = await getDb();
    const [expired] = await db.select().from(s.orders).where(eq(s.orders.id, placed.orderId));
    expect(expired!.status).toBe("expired");
    const [session] = await db
      .select()
      .from(s.paymentSessions)
      .where(eq(s.paymentSessions.orderId, placed.orderId));
    expect(session!.status).toBe("expired");
    // The sandbox session is closed, so the buyer cannot pay it any more.
    await expect(
      decideSandboxPayment(me, { sessionId: url.split("/").at(-1), decision: "confirm" }),
    ).rejects.toMatchObject({ reason: "session_closed" });
    // Money that still arrives (a processor's late event) fulfils the order: places are free.
    await db.transaction(async (tx) => {
      await confirmPayment(tx, {
        provider: "sandbox",
        orderId: placed.orderId,
        paymentExternalId: `late_${placed.orderId}`,
        amountMinor: expired!.totalMinor,
        currency: expired!.currency,
      });
    });
    const lines = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    expect(lines.map((l) => l.state)).toEqual(["fulfilled"]);
    const enrolled = await db
      .select()
      .from(s.enrolments)
      .where(
        inArray(
          s.enrolments.orderLineId,
          lines.map((l) => l.id),
        ),
      );
    expect(enrolled).toHaveLength(1);
  });

  it("money for a line withdrawn meanwhile is refunded whole; no seller is paid", async () => {
    const { course, editor } = await sellerWithCourse();
    const me = await learner();
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    const url = await startPayment(me, { orderId: placed.orderId });
    await archiveResource({ type: "user", viewer: editor }, course.id);
    await decideSandboxPayment(me, { sessionId: url.split("/").at(-1), decision: "confirm" });
    await runAllJobs();
    const db = await getDb();
    const lines = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    expect(lines.map((l) => [l.state, l.stateReason])).toEqual([["unfulfillable", "withdrawn"]]);
    const refunds = await db.select().from(s.refunds).where(eq(s.refunds.orderId, placed.orderId));
    expect(refunds.map((r) => [r.reason, r.status, r.amountMinor])).toEqual([
      ["unfulfillable", "succeeded", 19900],
    ]);
    expect(
      await db
        .select()
        .from(s.sellerTransfers)
        .where(eq(s.sellerTransfers.orderId, placed.orderId)),
    ).toEqual([]);
    expect(await db.select().from(s.enrolments).where(eq(s.enrolments.userId, me.userId))).toEqual(
      [],
    );
  });

  it("an unknown order's payment is recorded for finance, not lost", async () => {
    const db = await getDb();
    const ref = `ghost_${Date.now()}`;
    const outcome = await db.transaction((tx) =>
      confirmPayment(tx, {
        provider: "sandbox",
        sessionExternalId: `sbx_cs_${ref}`,
        paymentExternalId: ref,
        amountMinor: 500,
        currency: "CNY",
        eventId: ref,
      }),
    );
    expect(outcome).toBe("unknown_order");
    const incidents = await db
      .select()
      .from(s.paymentIncidents)
      .where(eq(s.paymentIncidents.eventId, ref));
    expect(incidents).toEqual([expect.objectContaining({ kind: "unknown_order" })]);
  });
});
