import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { orderLines, orders, paymentSessions, resources, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { canAtInstitution } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { getEnv } from "@/lib/env";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordEventOnce } from "@/lib/events/processed-events";
import { getPaymentProvider, sandboxAllowed } from "@/lib/payments";
import { sandboxPaymentId } from "@/lib/payments/sandbox";
import { parseInput } from "@/lib/validation";
import { connectedAccounts } from "./connected-accounts";
import { closeSession, confirmPayment } from "./payment-events";
import { orderIdSchema } from "./schemas";

type Order = typeof orders.$inferSelect;

/** The placer, or finance staff of the institution the order is for. */
export function mayPay(viewer: Viewer, order: Order): boolean {
  if (order.placedBy === viewer.userId) return true;
  return (
    order.buyerInstitutionId !== null &&
    canAtInstitution(viewer, "orders:buy", order.buyerInstitutionId)
  );
}

/**
 * The processor's checkout page for a waiting order. The session row was written with the order;
 * the processor is asked here, outside any transaction, with that row's id as idempotency key,
 * so asking twice (a double click, a retry after a timeout) opens one session, not two.
 */
export async function startPayment(viewer: Viewer, input: unknown): Promise<string> {
  const { orderId } = parseInput(orderIdSchema, input);
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || !mayPay(viewer, order)) throw notFound("Order not found");
  if (order.status !== "pending" || order.route !== "checkout" || order.holdExpiresAt <= now()) {
    throw new AppError("CONFLICT", "order_not_payable", "This order no longer waits for payment");
  }
  const lines = await db
    .select({ line: orderLines, status: resources.status })
    .from(orderLines)
    .innerJoin(resources, eq(resources.id, orderLines.resourceId))
    .where(eq(orderLines.orderId, orderId));
  if (lines.some((l) => l.status !== "published")) {
    throw new AppError("UNPROCESSABLE", "not_on_sale", "A resource of this order was withdrawn");
  }
  const [session] = await db
    .select()
    .from(paymentSessions)
    .where(and(eq(paymentSessions.orderId, orderId), eq(paymentSessions.status, "open")));
  if (!session) throw new AppError("CONFLICT", "order_not_payable", "No open payment session");
  if (session.url) return session.url;
  const [placer] = await db
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, order.placedBy));
  const base = `${getEnv().PUBLIC_BASE_URL}/${order.locale}/orders/${order.id}`;
  const created = await getPaymentProvider().createCheckout({
    sessionId: session.id,
    orderId: order.id,
    currency: order.currency,
    totalMinor: order.totalMinor,
    feeMinor: order.feeMinor,
    expiresAt: session.expiresAt,
    locale: order.locale,
    customerEmail: placer!.email,
    lines: await linesForCheckout(lines.map((l) => l.line)),
    successUrl: `${base}?paid=1`,
    cancelUrl: `${base}?cancelled=1`,
  });
  await db
    .update(paymentSessions)
    .set({ externalId: created.externalId, url: created.url })
    .where(eq(paymentSessions.id, session.id));
  return created.url;
}

async function linesForCheckout(lines: (typeof orderLines.$inferSelect)[]) {
  const accounts = await connectedAccounts(lines.map((l) => l.sellerInstitutionId));
  return lines.map((l) => ({
    lineId: l.id,
    titleZh: l.titleZh,
    titleEn: l.titleEn,
    unitAmountMinor: l.unitAmountMinor,
    quantity: l.quantity,
    amountMinor: l.amountMinor,
    feeMinor: l.feeMinor,
    shareMinor: l.shareMinor,
    sellerInstitutionId: l.sellerInstitutionId,
    sellerAccountId: accounts.get(l.sellerInstitutionId) ?? null,
  }));
}

const sandboxDecisionSchema = z.strictObject({
  sessionId: z.uuid(),
  decision: z.enum(["confirm", "decline"]),
});

/**
 * The sandbox checkout page's two buttons. They emit the same internal events a Stripe webhook
 * does (payment confirmed, payment failed), each recorded once as a sandbox event.
 */
export async function decideSandboxPayment(
  viewer: Viewer,
  input: unknown,
): Promise<{ orderId: string }> {
  const { sessionId, decision } = parseInput(sandboxDecisionSchema, input);
  if (!sandboxAllowed()) throw forbidden("The payment sandbox is off in production");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ session: paymentSessions, order: orders })
      .from(paymentSessions)
      .innerJoin(orders, eq(orders.id, paymentSessions.orderId))
      .where(and(eq(paymentSessions.id, sessionId), eq(paymentSessions.provider, "sandbox")));
    if (!s || !s.session.externalId || !mayPay(viewer, s.order)) throw notFound("No such session");
    if (s.session.status !== "open") {
      throw new AppError("CONFLICT", "session_closed", "This payment session is closed");
    }
    const fresh = await recordEventOnce(tx, "sandbox", `${sessionId}:${decision}`, decision);
    if (!fresh) return { orderId: s.order.id };
    if (decision === "decline") {
      await closeSession(tx, "sandbox", s.session.externalId, "failed");
    } else {
      await confirmPayment(tx, {
        provider: "sandbox",
        sessionExternalId: s.session.externalId,
        paymentExternalId: sandboxPaymentId(sessionId),
        amountMinor: s.session.amountMinor,
        currency: s.session.currency,
        eventId: `${sessionId}:confirm`,
      });
    }
    return { orderId: s.order.id };
  });
}
