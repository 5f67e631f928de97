import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { adminRefundLine, refundLine } from "@/lib/commerce/seller-refunds";
import { placesInUse } from "@/lib/commerce/places";
import {
  buyInSandbox,
  learner,
  lineFor,
  runAllJobs,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import {
  boughtSeats,
  lineState,
  refundsOfLine,
  seatsOf,
  setSeat,
} from "../support/finance-fixtures";
import { auditFor, createUser, mailsTo, mustViewer } from "../support/fixtures";

beforeAll(async () => {
  await getDb();
});

async function learnerBought() {
  const sale = await sellerWithCourse();
  const me = await learner();
  const placed = await buyInSandbox(me, {
    buyer: "self",
    lines: [await lineFor(sale.course.id, "learner")],
  });
  const db = await getDb();
  const [line] = await db
    .select()
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, placed.orderId));
  return { ...sale, me, orderId: placed.orderId, line: line! };
}

async function enrolmentOf(lineId: string) {
  const db = await getDb();
  const [e] = await db.select().from(s.enrolments).where(eq(s.enrolments.orderLineId, lineId));
  return e!;
}

describe("[FINANCE] seller refunds of a learner line", () => {
  it("revokes the enrolment, queues the refund, and the jobs reverse exactly the share", async () => {
    const { seller, sellerFinance, me, orderId, line } = await learnerBought();
    await runAllJobs(); // the seller's transfer is sent first
    const db = await getDb();
    const refunded = await refundLine(sellerFinance, {
      institutionSlug: seller.slug,
      lineId: line.id,
      reason: "Learner withdrew in week one",
    });
    expect(refunded).toMatchObject({ amountMinor: 19900, seats: null });
    expect(await enrolmentOf(line.id)).toMatchObject({
      status: "revoked",
      statusReason: "refunded: Learner withdrew in week one",
    });
    expect(await lineState(line.id)).toMatchObject({
      state: "refunded",
      refundedMinor: 19900,
      feeRefundedMinor: 1990,
    });
    const [pending] = await refundsOfLine(line.id);
    expect(pending).toMatchObject({
      status: "pending",
      reason: "seller",
      amountMinor: 19900,
      feeMinor: 1990,
      shareMinor: 17910,
      requestedBy: sellerFinance.userId,
    });
    expect((await mailsTo(me.email)).some((m) => m.subject.startsWith("Refund for order"))).toBe(
      true,
    );
    expect((await auditFor(line.id)).map((a) => a.action)).toContain("order_line.refunded");

    await runAllJobs();
    const [done] = await refundsOfLine(line.id);
    expect(done).toMatchObject({ status: "succeeded" });
    expect(done!.reversalExternalId).toMatch(/\S/);
    expect(done!.reversalExternalId).not.toBe("netted");
    const [transfer] = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, orderId));
    expect(transfer).toMatchObject({ status: "sent", amountMinor: 17910, reversedMinor: 17910 });
    const [payment] = await db.select().from(s.payments).where(eq(s.payments.orderId, orderId));
    expect(payment!.refundedMinor).toBe(19900);
  });

  it("refuses a second refund of the same line and changes nothing", async () => {
    const { seller, sellerFinance, line } = await learnerBought();
    await refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id });
    const before = await lineState(line.id);
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ code: "CONFLICT", reason: "line_not_refundable" });
    expect(await lineState(line.id)).toEqual(before);
    expect(await refundsOfLine(line.id)).toHaveLength(1);
  });

  it("two refunds of one line at once: one succeeds, the other is refused", async () => {
    const { seller, sellerFinance, line } = await learnerBought();
    const ask = () => refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id });
    const results = await Promise.allSettled([ask(), ask(), ask()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) {
      expect(r.reason).toMatchObject({ reason: "line_not_refundable" });
    }
    expect(await refundsOfLine(line.id)).toHaveLength(1);
    expect(await lineState(line.id)).toMatchObject({ refundedMinor: 19900 });
  });

  it("refuses a refund after completion (the ledger's hook) and changes nothing", async () => {
    const { seller, sellerFinance, line } = await learnerBought();
    const db = await getDb();
    await db
      .update(s.enrolments)
      .set({ status: "completed" })
      .where(eq(s.enrolments.orderLineId, line.id));
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ code: "CONFLICT", reason: "refund_after_completion" });
    expect(await lineState(line.id)).toMatchObject({ state: "fulfilled", refundedMinor: 0 });
    expect(await refundsOfLine(line.id)).toEqual([]);
    expect((await enrolmentOf(line.id)).status).toBe("completed");
  });

  it("another seller's finance cannot refund the line: not found, nothing changed", async () => {
    const { line } = await learnerBought();
    const other = await sellerWithCourse();
    await expect(
      refundLine(other.sellerFinance, { institutionSlug: other.seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Naming the right seller without being its staff is refused too.
    const { seller } = await sellerWithCourse();
    await expect(
      refundLine(other.sellerFinance, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await lineState(line.id)).toMatchObject({ state: "fulfilled", refundedMinor: 0 });
  });

  it("the editor of the seller has no refund right; the alliance admin refunds with a reason", async () => {
    const { seller, editor, admin, line } = await learnerBought();
    await expect(
      refundLine(editor, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(adminRefundLine(admin, { lineId: line.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fields: { reason: { code: "required" } },
    });
    const finance = await mustViewer((await createUser({ platformRole: "finance" })).id);
    await expect(
      adminRefundLine(finance, { lineId: line.id, reason: "no right" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const done = await adminRefundLine(admin, { lineId: line.id, reason: "Course cancelled" });
    expect(done.amountMinor).toBe(19900);
    expect((await enrolmentOf(line.id)).status).toBe("revoked");
  });

  it("bad input names the field and changes nothing", async () => {
    const { seller, sellerFinance, line } = await learnerBought();
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: "nope" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      fields: { lineId: { code: "invalid_format" } },
    });
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id, seats: "2" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", fields: { seats: { code: "invalid" } } });
    expect(await lineState(line.id)).toMatchObject({ state: "fulfilled", refundedMinor: 0 });
  });
});

describe("[FINANCE] seller refunds of seats", () => {
  it("refunds 2 of 5 unused seats, then the rest of the unused; activated seats stay", async () => {
    const { seller, sellerFinance, course, line, licence, buyer } = await boughtSeats(5);
    await setSeat(licence.id, 1, "activated");
    const invited = await setSeat(licence.id, 2, "assigned");
    const db = await getDb();
    const usedBefore = await placesInUse(db, course.id, new Date());

    const two = await refundLine(sellerFinance, {
      institutionSlug: seller.slug,
      lineId: line.id,
      seats: "2",
    });
    expect(two).toMatchObject({ amountMinor: 30000, seats: 2 });
    expect((await seatsOf(licence.id)).map((x) => x.state)).toEqual([
      "activated",
      "assigned",
      "unassigned",
      "refunded",
      "refunded",
    ]);
    expect(await lineState(line.id)).toMatchObject({
      state: "fulfilled",
      places: 3,
      refundedMinor: 30000,
      feeRefundedMinor: 3000,
    });
    expect(await placesInUse(db, course.id, new Date())).toBe(usedBefore - 2);
    const [r1] = await refundsOfLine(line.id);
    expect(r1).toMatchObject({ amountMinor: 30000, feeMinor: 3000, shareMinor: 27000 });

    // More than are unused: refused, field named, nothing changed.
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id, seats: 3 }),
    ).rejects.toMatchObject({ reason: "not_enough_unused_seats", fields: { seats: { max: 2 } } });

    // Default: every unused seat, the invited one too (its invitation revoked).
    const rest = await refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id });
    expect(rest).toMatchObject({ amountMinor: 30000, seats: 2 });
    const [inv] = await db
      .select()
      .from(s.seatInvitations)
      .where(eq(s.seatInvitations.id, invited.invitation.id));
    expect(inv!.status).toBe("revoked");
    expect((await seatsOf(licence.id)).map((x) => x.state)).toEqual([
      "activated",
      "refunded",
      "refunded",
      "refunded",
      "refunded",
    ]);
    expect(await lineState(line.id)).toMatchObject({ state: "fulfilled", places: 1 });
    const [lic] = await db.select().from(s.licences).where(eq(s.licences.id, licence.id));
    expect(lic!.status).toBe("active");
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ reason: "no_unused_seats" });
    // The buyer was mailed twice, once per refund.
    const mails = await mailsTo(buyer.finance.email);
    expect(mails.filter((m) => m.subject.startsWith("Refund for order"))).toHaveLength(2);
  });

  it("refunding every seat refunds the licence and the line", async () => {
    const { seller, sellerFinance, line, licence } = await boughtSeats(3);
    const done = await refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id });
    expect(done).toMatchObject({ amountMinor: 45000, seats: 3 });
    const db = await getDb();
    const [lic] = await db.select().from(s.licences).where(eq(s.licences.id, licence.id));
    expect(lic!.status).toBe("refunded");
    expect(await lineState(line.id)).toMatchObject({
      state: "refunded",
      places: 0,
      refundedMinor: 45000,
      feeRefundedMinor: 4500,
    });
    await runAllJobs();
    const refunds = await refundsOfLine(line.id);
    expect(refunds.every((r) => r.status === "succeeded")).toBe(true);
    const live = await db
      .select()
      .from(s.licenceSeats)
      .where(and(eq(s.licenceSeats.licenceId, licence.id), eq(s.licenceSeats.state, "refunded")));
    expect(live).toHaveLength(3);
  });
});
