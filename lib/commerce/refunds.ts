import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, selectRows, type Tx } from "@/db";
import { orderLines, orders, paymentIncidents, payments, refunds } from "@/db/schema";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/enqueue";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { providerOf } from "@/lib/payments";
import type { ProcessorStatus } from "@/lib/payments/provider";
import { refundableMinor, splitRefund } from "./money-rules";

type Reason = (typeof refunds.$inferInsert)["reason"];

/**
 * Ask for a refund from one payment, in the caller's transaction, which must hold the order's
 * lock. A line's refund reserves its amount on the line at once (fee back in proportion, the
 * seller bearing the rest), so two refunds at once can never exceed it; a job then asks the
 * processor, keyed by the refund row. A whole surplus payment (`lineId` null) has no split.
 */
export async function requestRefund(
  tx: Tx,
  r: {
    paymentId: string;
    lineId: string | null;
    amountMinor: number;
    reason: Reason;
    requestedBy: string | null;
    note?: string | null;
  },
): Promise<string> {
  const [payment] = await tx.select().from(payments).where(eq(payments.id, r.paymentId));
  if (!payment) throw new Error(`payment ${r.paymentId} not found`);
  const [asked] = await selectRows<{ total: SqlInteger }>(
    tx,
    sql`select coalesce(sum(amount_minor), 0) as total from refunds
        where payment_id = ${payment.id} and status <> 'failed'`,
  );
  if (toSafeInteger(asked?.total ?? 0) + r.amountMinor > payment.amountMinor) {
    throw new AppError(
      "CONFLICT",
      "refund_exceeds_payment",
      "More than was paid would be refunded",
    );
  }
  let fee = 0;
  let share = 0;
  if (r.lineId) {
    const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, r.lineId));
    if (!line) throw new Error(`line ${r.lineId} not found`);
    if (r.amountMinor <= 0 || r.amountMinor > refundableMinor(line)) {
      throw new AppError("CONFLICT", "refund_exceeds_line", "More than is left on the line");
    }
    ({ fee, share } = splitRefund(line, r.amountMinor));
    await tx
      .update(orderLines)
      .set({
        refundedMinor: line.refundedMinor + r.amountMinor,
        feeRefundedMinor: line.feeRefundedMinor + fee,
      })
      .where(eq(orderLines.id, line.id));
  }
  const [row] = await tx
    .insert(refunds)
    .values({
      paymentId: payment.id,
      orderId: payment.orderId,
      lineId: r.lineId,
      provider: payment.provider,
      amountMinor: r.amountMinor,
      feeMinor: fee,
      shareMinor: share,
      reason: r.reason,
      note: r.note ?? null,
      requestedBy: r.requestedBy,
      createdAt: now(),
    })
    .returning({ id: refunds.id });
  await enqueue(tx, "payments.refund", { refundId: row!.id });
  return row!.id;
}

/** The refund job: ask the processor once per refund row (its id is the idempotency key). */
export async function runRefunds(refundIds: string[]): Promise<void> {
  const db = await getDb();
  for (const id of refundIds) {
    const [r] = await db
      .select({ refund: refunds, payment: payments })
      .from(refunds)
      .innerJoin(payments, eq(payments.id, refunds.paymentId))
      .where(eq(refunds.id, id));
    if (!r || r.refund.externalId || r.refund.status !== "pending") continue;
    const answer = await providerOf(r.payment.provider).refund({
      refundId: r.refund.id,
      paymentExternalId: r.payment.externalId,
      chargeId: r.payment.chargeId,
      amountMinor: r.refund.amountMinor,
      currency: r.payment.currency,
    });
    await db.transaction(async (tx) => {
      await lockRows(tx, "order", orders, [r.refund.orderId]);
      await tx
        .update(refunds)
        .set({ externalId: answer.externalId })
        .where(and(eq(refunds.id, id), sql`${refunds.externalId} is null`));
      await setRefundStatus(tx, id, answer.status);
      // Nobody but alliance finance can send a bank transfer back: it goes to their queue.
      if (r.payment.provider === "bank_transfer" && answer.status === "pending") {
        await tx.insert(paymentIncidents).values({
          kind: "bank_refund_due",
          provider: "bank_transfer",
          orderId: r.refund.orderId,
          paymentId: r.payment.id,
          refundId: id,
          details: { amountMinor: r.refund.amountMinor, currency: r.payment.currency },
          createdAt: now(),
        });
      }
    });
  }
}

/**
 * Move a refund to what the processor says, in a transaction holding the order's lock. Success
 * counts it on the payment and reverses the seller's share; failure gives the line its amount
 * back and tells finance. Repeating a status changes nothing.
 */
export async function setRefundStatus(
  tx: Tx,
  refundId: string,
  status: ProcessorStatus,
): Promise<void> {
  const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
  if (!refund || refund.status === status || status === "pending") return;
  const at = now();
  await tx.update(refunds).set({ status, completedAt: at }).where(eq(refunds.id, refundId));
  const sign = status === "succeeded" ? 1 : refund.status === "succeeded" ? -1 : 0;
  if (sign !== 0) {
    await tx
      .update(payments)
      .set({ refundedMinor: sql`${payments.refundedMinor} + ${sign * refund.amountMinor}` })
      .where(eq(payments.id, refund.paymentId));
  }
  // The reversal job decides whether the share was ever transferred (runReversals).
  if (status === "succeeded" && refund.lineId && refund.shareMinor > 0) {
    await enqueue(tx, "payments.reverse", { refundId });
  }
  if (status === "failed") {
    if (refund.lineId) {
      await tx
        .update(orderLines)
        .set({
          refundedMinor: sql`${orderLines.refundedMinor} - ${refund.amountMinor}`,
          feeRefundedMinor: sql`${orderLines.feeRefundedMinor} - ${refund.feeMinor}`,
        })
        .where(eq(orderLines.id, refund.lineId));
    }
    await tx.insert(paymentIncidents).values({
      kind: "refund_failed",
      provider: refund.provider,
      orderId: refund.orderId,
      paymentId: refund.paymentId,
      refundId,
      details: { failed: true },
      createdAt: at,
    });
  }
}

/** Refunds of these rows, for pages and tests. */
export async function refundsOfOrders(tx: Tx, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return tx.select().from(refunds).where(inArray(refunds.orderId, orderIds));
}
