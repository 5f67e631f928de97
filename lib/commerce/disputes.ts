import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  disputes,
  enrolments,
  licences,
  orderLines,
  orders,
  paymentIncidents,
  payments,
  refunds,
} from "@/db/schema";
import type { PaymentProviderName } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { livePassIds, reversePasses } from "@/lib/completions/deposits";
import { setCredentialStatus } from "@/lib/credentials/status";
import { fulfilOrder } from "./fulfil";
import { setRefundStatus } from "./refunds";

export type DisputeFacts = {
  provider: PaymentProviderName;
  disputeId: string;
  // The disputed payment as the processor names it (Stripe: the PaymentIntent).
  paymentExternalId: string;
  amountMinor: number;
  currency: string;
  eventId?: string | null;
};

type Payment = typeof payments.$inferSelect;

async function paymentOf(tx: Tx, provider: PaymentProviderName, externalId: string) {
  const [p] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.externalId, externalId)));
  return p ?? null;
}

/**
 * What an order bought that a dispute touches, locked in the lock order (order → licence →
 * enrolment): its licences, and the enrolments of its lines and of those licences' seats.
 */
async function lockBought(tx: Tx, orderId: string) {
  await lockRows(tx, "order", orders, [orderId]);
  const lineIds = (
    await tx.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, orderId))
  ).map((l) => l.id);
  const lic = lineIds.length
    ? await tx
        .select({ id: licences.id })
        .from(licences)
        .where(inArray(licences.orderLineId, lineIds))
    : [];
  const licenceIds = await lockRows(
    tx,
    "licence",
    licences,
    lic.map((l) => l.id),
  );
  const enr = lineIds.length
    ? await tx
        .select({ id: enrolments.id })
        .from(enrolments)
        .where(inArray(enrolments.orderLineId, lineIds))
    : [];
  const seatEnr = licenceIds.length
    ? await tx
        .select({ id: enrolments.id })
        .from(enrolments)
        .where(inArray(enrolments.licenceId, licenceIds))
    : [];
  const enrolmentIds = await lockRows(
    tx,
    "enrolment",
    enrolments,
    [...enr, ...seatEnr].map((e) => e.id),
  );
  return { licenceIds, enrolmentIds };
}

async function setStatus(
  tx: Tx,
  bought: { licenceIds: string[]; enrolmentIds: string[] },
  from: ("active" | "suspended" | "completed")[],
  to: "active" | "suspended" | "revoked",
  reason: string,
) {
  const at = now();
  if (bought.licenceIds.length) {
    await tx
      .update(licences)
      .set({ status: to })
      .where(
        and(
          inArray(licences.id, bought.licenceIds),
          inArray(
            licences.status,
            from.filter((f) => f !== "completed"),
          ),
        ),
      );
  }
  if (bought.enrolmentIds.length) {
    await tx
      .update(enrolments)
      .set({ status: to, statusReason: reason, updatedAt: at })
      .where(and(inArray(enrolments.id, bought.enrolmentIds), inArray(enrolments.status, from)));
  }
}

/**
 * A dispute opened. Recorded once by (provider, dispute id). On a fulfilled order its enrolments
 * and licences are suspended (no completion meanwhile); a payment not known yet finds the
 * dispute when it arrives, and `confirmPayment` holds the order instead of fulfilling it.
 */
export async function disputeOpened(tx: Tx, d: DisputeFacts): Promise<"opened" | "already"> {
  const at = now();
  const inserted = await tx
    .insert(disputes)
    .values({
      provider: d.provider,
      externalId: d.disputeId,
      paymentExternalId: d.paymentExternalId,
      amountMinor: d.amountMinor,
      currency: d.currency,
      openedAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: disputes.id });
  if (inserted.length === 0) return "already";
  const payment = await paymentOf(tx, d.provider, d.paymentExternalId);
  if (payment) {
    await tx
      .update(disputes)
      .set({ paymentId: payment.id, orderId: payment.orderId })
      .where(eq(disputes.id, inserted[0]!.id));
    if (!payment.surplusReason) {
      const bought = await lockBought(tx, payment.orderId);
      await setStatus(tx, bought, ["active"], "suspended", "dispute");
      // A completed enrolment keeps its status; its deposit is frozen by suspending the credential.
      const passes = await livePassIds(tx, bought.enrolmentIds);
      await setCredentialStatus(tx, passes, "suspended", "dispute");
    }
  }
  await tx.insert(paymentIncidents).values({
    kind: "dispute",
    provider: d.provider,
    eventId: d.eventId ?? null,
    orderId: payment?.orderId ?? null,
    paymentId: payment?.id ?? null,
    details: { disputeId: d.disputeId, amountMinor: d.amountMinor, currency: d.currency },
    createdAt: at,
  });
  await writeAudit(tx, {
    actorId: null,
    action: "dispute.opened",
    targetType: "order",
    targetId: payment?.orderId ?? d.paymentExternalId,
  });
  return "opened";
}

/**
 * A dispute closed. Won: the suspensions lift (an order held for it is fulfilled now). Lost:
 * what the order bought is revoked, and the amount taken back is recorded as a succeeded
 * `dispute_lost` refund of the payment, keyed by the dispute id.
 */
export async function disputeClosed(
  tx: Tx,
  d: DisputeFacts & { outcome: "won" | "lost" },
): Promise<"closed" | "already"> {
  await disputeOpened(tx, d);
  const [row] = await tx
    .select()
    .from(disputes)
    .where(and(eq(disputes.provider, d.provider), eq(disputes.externalId, d.disputeId)));
  if (!row || row.status !== "open") return "already";
  const at = now();
  await tx.update(disputes).set({ status: d.outcome, closedAt: at }).where(eq(disputes.id, row.id));
  const payment: Payment | null = await paymentOf(tx, d.provider, d.paymentExternalId);
  if (payment && !payment.surplusReason) {
    await lockRows(tx, "order", orders, [payment.orderId]);
    const [order] = await tx.select().from(orders).where(eq(orders.id, payment.orderId));
    if (d.outcome === "won" && order?.status === "held") {
      // Held before fulfilment: nothing was suspended; the order is fulfilled now (fulfilOrder
      // takes its locks from the order down, so it runs before any licence is locked here).
      await fulfilOrder(tx, order.id, { id: payment.id, provider: payment.provider });
    } else {
      const bought = await lockBought(tx, payment.orderId);
      if (d.outcome === "won") {
        await setStatus(tx, bought, ["suspended"], "active", "dispute_won");
        const passes = await livePassIds(tx, bought.enrolmentIds);
        await setCredentialStatus(tx, passes, "active", "dispute_won");
      } else {
        // Lost: one reversal per deposit, credentials revoked, then everything bought revoked.
        await reversePasses(tx, bought.enrolmentIds, { reason: "dispute_lost", actorId: null });
        await setStatus(
          tx,
          bought,
          ["active", "suspended", "completed"],
          "revoked",
          "dispute_lost",
        );
      }
    }
  }
  if (payment && d.outcome === "lost") {
    const [refund] = await tx
      .insert(refunds)
      .values({
        paymentId: payment.id,
        orderId: payment.orderId,
        lineId: null,
        provider: d.provider,
        externalId: d.disputeId,
        amountMinor: Math.min(d.amountMinor, payment.amountMinor - payment.refundedMinor),
        reason: "dispute_lost",
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: refunds.id });
    if (refund) await setRefundStatus(tx, refund.id, "succeeded");
  }
  await writeAudit(tx, {
    actorId: null,
    action: `dispute.${d.outcome}`,
    targetType: "order",
    targetId: payment?.orderId ?? d.paymentExternalId,
  });
  return "closed";
}
