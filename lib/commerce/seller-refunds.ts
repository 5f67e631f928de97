import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import { institutions, orderLines, orders, payments, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { withInstitution } from "@/lib/institutions/with-institution";
import { sendMail } from "@/lib/mail";
import { parseInput } from "@/lib/validation";
import { adminRefundLineSchema, refundLineSchema } from "./finance-schemas";
import { refundableMinor } from "./money-rules";
import { requestRefund } from "./refunds";
import { hasOpenDispute } from "./disputes";
import { refundSeats, revokeLearnerLine, revokeSiteLicence } from "./take-refunded-places";

type Line = typeof orderLines.$inferSelect;
export type LineRefunded = { refundId: string; amountMinor: number; seats: number | null };

const refuse = (reason: string, message: string) => new AppError("CONFLICT", reason, message);

/**
 * Finance staff of the selling institution refund one of its own lines (PRODUCT.md §6): a line of
 * another seller is simply not found. Locks: the seller (withInstitution) → the order → the
 * licence → the enrolments, the lock order of docs/ARCHITECTURE.md.
 */
export async function refundLine(viewer: Viewer, input: unknown): Promise<LineRefunded> {
  const data = parseInput(refundLineSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const seller = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "orders:refund",
    );
    const [line] = await tx
      .select({ orderId: orderLines.orderId, seller: orderLines.sellerInstitutionId })
      .from(orderLines)
      .where(eq(orderLines.id, data.lineId));
    if (!line || line.seller !== seller.id) throw notFound("Order line not found");
    return refundLocked(tx, viewer.userId, line.orderId, data.lineId, data);
  });
}

/** The alliance admin refunds any seller's line, with a reason; the seller is locked first. */
export async function adminRefundLine(viewer: Viewer, input: unknown): Promise<LineRefunded> {
  if (!canOnPlatform(viewer, "orders:refund_any")) throw forbidden();
  const data = parseInput(adminRefundLineSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [line] = await tx
      .select({ orderId: orderLines.orderId, seller: orderLines.sellerInstitutionId })
      .from(orderLines)
      .where(eq(orderLines.id, data.lineId));
    if (!line) throw notFound("Order line not found");
    await lockRows(tx, "institution", institutions, [line.seller], "share");
    return refundLocked(tx, viewer.userId, line.orderId, data.lineId, { ...data, asAdmin: true });
  });
}

async function refundLocked(
  tx: Tx,
  actorId: string,
  orderId: string,
  lineId: string,
  opts: { seats?: number; reason?: string; asAdmin?: boolean },
): Promise<LineRefunded> {
  await lockRows(tx, "order", orders, [orderId]);
  const [line] = await tx.select().from(orderLines).where(eq(orderLines.id, lineId));
  if (!line) throw notFound("Order line not found");
  // A completed enrolment stays `completed` during a dispute (its credential is suspended), so
  // the order's open dispute, not the enrolment's status, is what says "wait".
  if (await hasOpenDispute(tx, orderId)) {
    throw refuse("line_disputed", "The payment is disputed: wait for the dispute to close");
  }
  // A refunded, unfulfillable or never-paid line has nothing (more) to refund by this path.
  if (line.state !== "fulfilled") {
    throw refuse("line_not_refundable", "Only a fulfilled line can be refunded");
  }
  if (line.offerKind !== "seat" && opts.seats !== undefined) {
    throw new AppError("BAD_REQUEST", "validation", "Only a seat line is refunded by seats", {
      fields: { seats: { code: "invalid" } },
    });
  }
  const [payment] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.orderId, orderId), isNull(payments.surplusReason)));
  if (!payment || refundableMinor(line) <= 0) {
    throw refuse("nothing_to_refund", "Nothing was paid for this line");
  }
  const at = now();
  const taken =
    line.offerKind === "learner"
      ? await revokeLearnerLine(tx, line, at, actorId, opts)
      : line.offerKind === "seat"
        ? await refundSeats(tx, line, at, opts.seats)
        : await revokeSiteLicence(tx, line, at, actorId, opts);
  const refundId = await requestRefund(tx, {
    paymentId: payment.id,
    lineId: line.id,
    amountMinor: taken.amountMinor,
    reason: "seller",
    requestedBy: actorId,
    note: opts.reason ?? null,
  });
  await writeAudit(tx, {
    actorId,
    action: "order_line.refunded",
    targetType: "order_line",
    targetId: line.id,
    institutionId: line.sellerInstitutionId,
    before: { state: line.state, refundedMinor: line.refundedMinor, places: line.places },
    after: { refundId, amountMinor: taken.amountMinor, seats: taken.seats, reason: opts.reason },
  });
  await mailBuyer(tx, orderId, line, taken.amountMinor);
  return { refundId, amountMinor: taken.amountMinor, seats: taken.seats };
}

async function mailBuyer(tx: Tx, orderId: string, line: Line, amountMinor: number) {
  const [buyer] = await tx
    .select({ email: users.email, locale: users.locale, currency: orders.currency })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.placedBy))
    .where(eq(orders.id, orderId));
  if (!buyer) return;
  const locale = buyer.locale === "en" ? "en" : "zh-CN";
  await sendMail(tx, buyer.email, locale, {
    kind: "refund_issued",
    orderId,
    currency: buyer.currency,
    amountMinor,
    title: locale === "zh-CN" ? line.titleZh : line.titleEn,
  });
}
