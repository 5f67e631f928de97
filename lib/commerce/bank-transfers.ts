import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { institutions, orders, payments, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordEventOnce } from "@/lib/events/processed-events";
import { parseMinorUnits, currencyExponent } from "@/lib/money/minor-units";
import { parseInput } from "@/lib/validation";
import { recordBankTransferSchema } from "./finance-schemas";
import { confirmPayment, type ConfirmOutcome } from "./payment-events";

export type TransferRecorded = ConfirmOutcome | "already_recorded";

/**
 * Alliance finance records a bank transfer (对公转账) that arrived for an institutional order. The
 * bank's reference is the event id: recorded once, then the same `confirmPayment` every provider
 * calls, in the same transaction — so the order is fulfilled exactly once however often the
 * transfer is entered, and a wrong amount or currency takes the core's mismatch path (refunded,
 * shown to finance).
 */
export async function recordBankTransfer(
  viewer: Viewer,
  input: unknown,
): Promise<TransferRecorded> {
  if (!canOnPlatform(viewer, "payments:record_transfer")) throw forbidden();
  const data = parseInput(recordBankTransferSchema, input);
  const parsed = parseMinorUnits(data.amount, currencyExponent(data.currency));
  if (!parsed.ok || parsed.value <= 0) {
    throw new AppError("BAD_REQUEST", "validation", `Invalid amount "${data.amount}"`, {
      fields: { amount: { code: "invalid_format" } },
    });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: orders.id, route: orders.route })
      .from(orders)
      .where(eq(orders.id, data.orderId));
    if (!order) throw notFound("Order not found");
    if (order.route !== "bank_transfer") {
      throw new AppError(
        "CONFLICT",
        "not_bank_transfer_order",
        "The order is not paid by transfer",
      );
    }
    // A reference names one transfer: entered again for another order it is a typing mistake.
    const [used] = await tx
      .select({ orderId: payments.orderId })
      .from(payments)
      .where(and(eq(payments.provider, "bank_transfer"), eq(payments.externalId, data.reference)));
    if (used && used.orderId !== order.id) {
      throw new AppError(
        "CONFLICT",
        "reference_used",
        "This transfer reference was recorded for another order",
        { fields: { reference: { code: "taken" } } },
      );
    }
    const first = await recordEventOnce(tx, "bank_transfer", data.reference, "transfer.received");
    if (!first) return "already_recorded";
    const outcome = await confirmPayment(tx, {
      provider: "bank_transfer",
      orderId: order.id,
      paymentExternalId: data.reference,
      amountMinor: parsed.value,
      currency: data.currency,
      eventId: data.reference,
      recordedBy: viewer.userId,
    });
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "bank_transfer.recorded",
      targetType: "order",
      targetId: order.id,
      after: {
        reference: data.reference,
        amountMinor: parsed.value,
        currency: data.currency,
        outcome,
      },
    });
    return outcome;
  });
}

/** Institutional orders waiting for their bank transfer, oldest deadline first, for the office. */
export async function listAwaitingTransfer(viewer: Viewer) {
  if (!canOnPlatform(viewer, "payments:record_transfer")) throw forbidden();
  const db = await getDb();
  return db
    .select({
      orderId: orders.id,
      buyerNameZh: institutions.nameZh,
      buyerNameEn: institutions.nameEn,
      placedByEmail: users.email,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      createdAt: orders.createdAt,
      holdExpiresAt: orders.holdExpiresAt,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.placedBy))
    .leftJoin(institutions, eq(institutions.id, orders.buyerInstitutionId))
    .where(and(eq(orders.route, "bank_transfer"), eq(orders.status, "pending")))
    .orderBy(asc(orders.holdExpiresAt))
    .limit(200);
}
