import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { placeOrder } from "@/lib/commerce/checkout";
import {
  buyInSandbox,
  buyingInstitution,
  learner,
  lineFor,
  runAllJobs,
  sellerWithCourse,
} from "../support/commerce-fixtures";

beforeAll(async () => {
  await getDb();
});

describe("[COMMERCE] checkout and sandbox payment", () => {
  it("a learner buys a course: one enrolment, the fee split, a receipt, a transfer", async () => {
    const { course, seller } = await sellerWithCourse();
    const me = await learner();
    const placed = await buyInSandbox(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    const db = await getDb();
    const [order] = await db.select().from(s.orders).where(eq(s.orders.id, placed.orderId));
    expect(order).toMatchObject({ status: "paid", totalMinor: 19900, feeMinor: 1990, feeBp: 1000 });
    const enrolled = await db.select().from(s.enrolments).where(eq(s.enrolments.userId, me.userId));
    expect(enrolled).toEqual([
      expect.objectContaining({ resourceId: course.id, status: "active", creditsX100: 300 }),
    ]);
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    expect(line).toMatchObject({ state: "fulfilled", feeMinor: 1990, shareMinor: 17910 });
    await runAllJobs();
    const [t] = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, placed.orderId));
    expect(t).toMatchObject({ sellerInstitutionId: seller.id, amountMinor: 17910, status: "sent" });
    const receipts = await db.select().from(s.mailMessages).where(eq(s.mailMessages.to, me.email));
    expect(receipts.some((m) => m.subject.startsWith("Receipt"))).toBe(true);
  });

  it("a declined payment leaves no enrolment and releases the order", async () => {
    const { course } = await sellerWithCourse();
    const me = await learner();
    const placed = await buyInSandbox(
      me,
      { buyer: "self", lines: [await lineFor(course.id, "learner")] },
      "decline",
    );
    const db = await getDb();
    const [order] = await db.select().from(s.orders).where(eq(s.orders.id, placed.orderId));
    expect(order!.status).toBe("failed");
    expect(await db.select().from(s.enrolments).where(eq(s.enrolments.userId, me.userId))).toEqual(
      [],
    );
  });

  it("an institution buys seats: a licence with that many unassigned seats", async () => {
    const { course } = await sellerWithCourse();
    const { inst, finance } = await buyingInstitution();
    const placed = await buyInSandbox(finance, {
      buyer: inst.slug,
      lines: [await lineFor(course.id, "seat", 12)],
    });
    const db = await getDb();
    const [lic] = await db
      .select()
      .from(s.licences)
      .where(eq(s.licences.licenseeInstitutionId, inst.id));
    expect(lic).toMatchObject({ kind: "seats", seatCount: 12, status: "active" });
    const seats = await db
      .select()
      .from(s.licenceSeats)
      .where(eq(s.licenceSeats.licenceId, lic!.id));
    expect(seats.map((x) => x.state)).toEqual(Array(12).fill("unassigned"));
    expect(placed.status).toBe("pending");
  });

  it("an institution cannot buy its own course", async () => {
    const { course, seller, sellerFinance } = await sellerWithCourse();
    await expect(
      placeOrder(sellerFinance, {
        buyer: seller.slug,
        lines: [await lineFor(course.id, "seat", 10)],
      }),
    ).rejects.toMatchObject({ reason: "own_resource" });
  });
});
