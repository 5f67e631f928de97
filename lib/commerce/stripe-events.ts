import { and, eq, sql } from "drizzle-orm";
import { getDb, selectRows, type Tx } from "@/db";
import { orders, paymentAccounts, paymentIncidents, payments, refunds } from "@/db/schema";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { recordEventOnce } from "@/lib/events/processed-events";
import { toSafeInteger, type SqlInteger } from "@/lib/money/safe-integer";
import { refundStatus } from "@/lib/payments/stripe";
import type {
  StripeAccount,
  StripeCharge,
  StripeCheckoutSession,
  StripeDispute,
  StripeEvent,
  StripeRefund,
} from "@/lib/payments/stripe-client";
import { accountUpdated } from "@/lib/payments/connect";
import { disputeClosed, disputeOpened } from "./disputes";
import { closeSession, confirmPayment } from "./payment-events";
import { setRefundStatus } from "./refunds";

/**
 * The events the platform endpoint acts on; anything else is answered 200 and ignored (Stripe
 * sends only what the endpoint subscribes to, so others mean a misconfigured subscription).
 */
export const STRIPE_PAYMENT_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "refund.created",
  "refund.updated",
  "refund.failed",
  "charge.refunded",
  "charge.dispute.created",
  "charge.dispute.closed",
]);
export const STRIPE_CONNECT_EVENTS = new Set([
  "account.updated",
  "account.application.deauthorized",
]);

const idOf = (x: string | { id: string } | null | undefined): string | null =>
  typeof x === "string" ? x : (x?.id ?? null);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Handle one verified event in ONE transaction that first marks it processed: a redelivery, or
 * a second copy racing the first, finds the mark and does nothing; a failure rolls the mark back
 * with the effects, so Stripe's retry finds the event unprocessed.
 */
export async function handleStripeEvent(event: StripeEvent): Promise<"handled" | "duplicate"> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await recordEventOnce(tx, "stripe", event.id, event.type))) return "duplicate";
    await dispatch(tx, event);
    return "handled";
  });
}

async function dispatch(tx: Tx, event: StripeEvent): Promise<void> {
  const obj = event.data.object as unknown;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const s = obj as StripeCheckoutSession;
      // `unpaid`: a wallet or bank payment still on its way; its async event follows.
      if (s.payment_status !== "paid") return;
      await confirmPayment(tx, {
        provider: "stripe",
        sessionExternalId: s.id,
        orderId: s.metadata?.order_id ?? s.client_reference_id,
        paymentExternalId: idOf(s.payment_intent) ?? s.id,
        amountMinor: s.amount_total ?? 0,
        currency: (s.currency ?? "").toUpperCase(),
        eventId: event.id,
      });
      return;
    }
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const s = obj as StripeCheckoutSession;
      const outcome = event.type === "checkout.session.expired" ? "expired" : "failed";
      await closeSession(tx, "stripe", s.id, outcome);
      return;
    }
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      await refundEvent(tx, obj as StripeRefund, event.id);
      return;
    case "charge.refunded":
      await checkRefundedTotal(tx, obj as StripeCharge, event.id);
      return;
    case "charge.dispute.created":
    case "charge.dispute.closed": {
      const d = obj as StripeDispute;
      const facts = {
        provider: "stripe" as const,
        disputeId: d.id,
        paymentExternalId: idOf(d.payment_intent) ?? idOf(d.charge) ?? d.id,
        amountMinor: d.amount,
        currency: d.currency.toUpperCase(),
        eventId: event.id,
      };
      if (event.type === "charge.dispute.created") await disputeOpened(tx, facts);
      // `lost` takes the money back; `won` and `warning_closed` leave it with us.
      else await disputeClosed(tx, { ...facts, outcome: d.status === "lost" ? "lost" : "won" });
      return;
    }
    case "account.updated":
      await accountUpdated(tx, obj as StripeAccount);
      return;
    case "account.application.deauthorized":
      if (event.account) {
        await tx
          .update(paymentAccounts)
          .set({ chargesEnabled: false, payoutsEnabled: false, updatedAt: now() })
          .where(eq(paymentAccounts.stripeAccountId, event.account));
      }
      return;
  }
}

/**
 * A refund, tracked by its id. Ours carry `metadata.refund_id` (or are known by external id) and
 * move to Stripe's status; one matching no request (made in the Dashboard) joins the
 * unallocated queue for alliance finance and revokes nothing.
 */
async function refundEvent(tx: Tx, r: StripeRefund, eventId: string): Promise<void> {
  const status = refundStatus(r.status);
  const asked = r.metadata?.refund_id;
  const [ours] = await tx
    .select({ id: refunds.id, orderId: refunds.orderId, externalId: refunds.externalId })
    .from(refunds)
    .where(
      asked && UUID.test(asked)
        ? eq(refunds.id, asked)
        : and(eq(refunds.provider, "stripe"), eq(refunds.externalId, r.id)),
    );
  if (ours) {
    await lockRows(tx, "order", orders, [ours.orderId]);
    if (!ours.externalId) {
      await tx.update(refunds).set({ externalId: r.id }).where(eq(refunds.id, ours.id));
    }
    await setRefundStatus(tx, ours.id, status);
    return;
  }
  const paymentIntent = idOf(r.payment_intent);
  const [payment] = paymentIntent
    ? await tx
        .select()
        .from(payments)
        .where(and(eq(payments.provider, "stripe"), eq(payments.externalId, paymentIntent)))
    : [];
  if (!payment) {
    await tx.insert(paymentIncidents).values({
      kind: "unallocated_refund",
      provider: "stripe",
      eventId,
      details: { refundId: r.id, paymentIntent, amountMinor: r.amount, known: false },
      createdAt: now(),
    });
    return;
  }
  await lockRows(tx, "order", orders, [payment.orderId]);
  const [row] = await tx
    .insert(refunds)
    .values({
      paymentId: payment.id,
      orderId: payment.orderId,
      lineId: null,
      provider: "stripe",
      externalId: r.id,
      amountMinor: r.amount,
      reason: "external",
      allocated: false,
      createdAt: now(),
    })
    .returning({ id: refunds.id });
  await tx.insert(paymentIncidents).values({
    kind: "unallocated_refund",
    provider: "stripe",
    eventId,
    orderId: payment.orderId,
    paymentId: payment.id,
    refundId: row!.id,
    details: { refundId: r.id, amountMinor: r.amount },
    createdAt: now(),
  });
  await setRefundStatus(tx, row!.id, status);
}

/**
 * `charge.refunded` carries the cumulative amount refunded: only compared with the refunds we
 * know for that payment (pending or succeeded; Stripe counts a refund from its creation), never
 * added to anything. A difference is shown to finance.
 */
async function checkRefundedTotal(tx: Tx, c: StripeCharge, eventId: string): Promise<void> {
  const paymentIntent = idOf(c.payment_intent);
  const [payment] = paymentIntent
    ? await tx
        .select()
        .from(payments)
        .where(and(eq(payments.provider, "stripe"), eq(payments.externalId, paymentIntent)))
    : [];
  const [row] = payment
    ? await selectRows<{ total: SqlInteger }>(
        tx,
        // Refunds Stripe knows of (sent to it, by id); a lost dispute is not a refund there.
        sql`select coalesce(sum(amount_minor), 0) as total from refunds
            where payment_id = ${payment.id} and status <> 'failed'
              and external_id is not null and reason <> 'dispute_lost'`,
      )
    : [];
  const ours = row ? toSafeInteger(row.total) : null;
  if (payment && ours === c.amount_refunded) {
    if (!payment.chargeId) {
      await tx.update(payments).set({ chargeId: c.id }).where(eq(payments.id, payment.id));
    }
    return;
  }
  await tx.insert(paymentIncidents).values({
    kind: payment ? "mismatch" : "unknown_order",
    provider: "stripe",
    eventId,
    orderId: payment?.orderId ?? null,
    paymentId: payment?.id ?? null,
    details: { check: "charge.refunded", chargeId: c.id, amountRefunded: c.amount_refunded, ours },
    createdAt: now(),
  });
}
