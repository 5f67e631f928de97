import { and, eq, ne } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  disputes,
  orderLines,
  orders,
  paymentIncidents,
  payments,
  paymentSessions,
} from "@/db/schema";
import type { PaymentProviderName } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { fulfilOrder } from "./fulfil";
import { requestRefund } from "./refunds";

/**
 * The internal payment events. Every provider — a Stripe webhook, the sandbox page, alliance
 * finance recording a bank transfer — calls these inside its own transaction (after
 * `recordEventOnce` for its event id), so fulfilment has exactly one code path.
 */
export type PaymentConfirmed = {
  provider: PaymentProviderName;
  // How the payment names its order: our session's processor id, or the order id itself.
  sessionExternalId?: string | null;
  orderId?: string | null;
  paymentExternalId: string;
  chargeId?: string | null;
  amountMinor: number;
  currency: string;
  eventId?: string | null;
  recordedBy?: string | null;
};

export type ConfirmOutcome =
  "fulfilled" | "duplicate" | "surplus" | "mismatch" | "held" | "unknown_order";

async function findOrderId(
  tx: Tx,
  provider: PaymentProviderName,
  sessionExternalId?: string | null,
  orderId?: string | null,
): Promise<{ orderId: string; sessionId: string | null } | null> {
  if (sessionExternalId) {
    const [s] = await tx
      .select({ orderId: paymentSessions.orderId, id: paymentSessions.id })
      .from(paymentSessions)
      .where(
        and(
          eq(paymentSessions.provider, provider),
          eq(paymentSessions.externalId, sessionExternalId),
        ),
      );
    if (s) return { orderId: s.orderId, sessionId: s.id };
  }
  if (orderId && /^[0-9a-f-]{36}$/i.test(orderId)) {
    const [o] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId));
    if (o) return { orderId: o.id, sessionId: null };
  }
  return null;
}

/**
 * Money arrived. Recorded once per processor payment id; the first payment that matches the
 * order fulfils it; a second payment, or one whose amount or currency differs, is refunded
 * whole and shown to finance; one disputed before fulfilment holds the order for finance.
 */
export async function confirmPayment(tx: Tx, p: PaymentConfirmed): Promise<ConfirmOutcome> {
  const found = await findOrderId(tx, p.provider, p.sessionExternalId, p.orderId);
  if (!found) {
    await tx.insert(paymentIncidents).values({
      kind: "unknown_order",
      provider: p.provider,
      eventId: p.eventId ?? null,
      details: { ...p },
      createdAt: now(),
    });
    return "unknown_order";
  }
  await lockRows(tx, "order", orders, [found.orderId]);
  const [order] = await tx.select().from(orders).where(eq(orders.id, found.orderId));
  const at = now();
  const inserted = await tx
    .insert(payments)
    .values({
      orderId: order!.id,
      sessionId: found.sessionId,
      provider: p.provider,
      externalId: p.paymentExternalId,
      chargeId: p.chargeId ?? null,
      amountMinor: p.amountMinor,
      currency: p.currency,
      recordedBy: p.recordedBy ?? null,
      capturedAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: payments.id });
  if (inserted.length === 0) return "duplicate";
  const payment = { id: inserted[0]!.id, provider: p.provider };
  if (found.sessionId) {
    await tx
      .update(paymentSessions)
      .set({ status: "completed" })
      .where(eq(paymentSessions.id, found.sessionId));
  }
  const surplus = async (reason: "duplicate_payment" | "mismatch") => {
    await tx.update(payments).set({ surplusReason: reason }).where(eq(payments.id, payment.id));
    await requestRefund(tx, {
      paymentId: payment.id,
      lineId: null,
      amountMinor: p.amountMinor,
      reason,
      requestedBy: null,
    });
    await incident(tx, reason, p, order!.id, payment.id);
  };
  if (p.amountMinor !== order!.totalMinor || p.currency !== order!.currency) {
    await surplus("mismatch");
    return "mismatch";
  }
  if (order!.status === "paid" || order!.status === "held") {
    await surplus("duplicate_payment");
    return "surplus";
  }
  const [dispute] = await tx
    .select({ id: disputes.id })
    .from(disputes)
    .where(
      and(
        eq(disputes.provider, p.provider),
        eq(disputes.paymentExternalId, p.paymentExternalId),
        // A dispute already won does not hold the order (a lost one is finance's to look at).
        ne(disputes.status, "won"),
      ),
    );
  if (dispute) {
    await tx.update(orders).set({ status: "held", updatedAt: at }).where(eq(orders.id, order!.id));
    await tx
      .update(disputes)
      .set({ paymentId: payment.id, orderId: order!.id })
      .where(eq(disputes.id, dispute.id));
    await incident(tx, "dispute_before_fulfilment", p, order!.id, payment.id);
    return "held";
  }
  await fulfilOrder(tx, order!.id, payment);
  return "fulfilled";
}

async function incident(
  tx: Tx,
  kind: (typeof paymentIncidents.$inferInsert)["kind"],
  p: { provider: PaymentProviderName; eventId?: string | null },
  orderId: string | null,
  paymentId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(paymentIncidents).values({
    kind,
    provider: p.provider,
    eventId: p.eventId ?? null,
    orderId,
    paymentId,
    details,
    createdAt: now(),
  });
}

/**
 * A session ended without money: declined (`failed`) or lapsed (`expired`). The session closes;
 * an order still waiting releases its hold. An order already paid stays paid.
 */
export async function closeSession(
  tx: Tx,
  provider: PaymentProviderName,
  sessionExternalId: string,
  outcome: "failed" | "expired",
): Promise<"closed" | "paid" | "unknown"> {
  const found = await findOrderId(tx, provider, sessionExternalId);
  if (!found) return "unknown";
  await lockRows(tx, "order", orders, [found.orderId]);
  await tx
    .update(paymentSessions)
    .set({ status: outcome })
    .where(and(eq(paymentSessions.id, found.sessionId!), eq(paymentSessions.status, "open")));
  const [order] = await tx.select().from(orders).where(eq(orders.id, found.orderId));
  if (order!.status !== "pending") return order!.status === "paid" ? "paid" : "closed";
  await releaseOrder(tx, found.orderId, outcome);
  return "closed";
}

/** Release a waiting order's places (caller holds the order lock). */
export async function releaseOrder(
  tx: Tx,
  orderId: string,
  outcome: "failed" | "expired",
): Promise<void> {
  const at = now();
  await tx.update(orders).set({ status: outcome, updatedAt: at }).where(eq(orders.id, orderId));
  await tx
    .update(orderLines)
    .set({ state: "released" })
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.state, "pending")));
  await writeAudit(tx, {
    actorId: null,
    action: `order.${outcome}`,
    targetType: "order",
    targetId: orderId,
  });
}
