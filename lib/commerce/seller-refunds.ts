import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import {
  enrolments,
  institutions,
  licenceSeats,
  licences,
  orderLines,
  orders,
  payments,
  seatInvitations,
  users,
} from "@/db/schema";
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
import { reversePasses } from "@/lib/completions/deposits";

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

/**
 * After completion (PRODUCT.md §6, §7): a completed enrolment may have deposited credits, so
 * only the alliance admin may refund it, with a reason; the refund writes one reversal of the
 * deposit and revokes the credential (`reversePasses`), in this transaction, under the order's
 * and the enrolment's locks — a completion racing it waits, and then finds the enrolment revoked.
 */
async function undoCompletions(
  tx: Tx,
  enrolmentIds: string[],
  actorId: string,
  opts: { reason?: string; asAdmin?: boolean },
) {
  if (!opts.asAdmin) {
    throw refuse(
      "refund_after_completion",
      "The enrolment is completed: only the alliance admin may refund it, with a reason",
    );
  }
  await reversePasses(tx, enrolmentIds, { reason: refundReason(opts.reason), actorId });
}

/** A learner line: the whole line, and its enrolment revoked. */
async function revokeLearnerLine(
  tx: Tx,
  line: Line,
  at: Date,
  actorId: string,
  opts: { reason?: string; asAdmin?: boolean },
) {
  const reason = opts.reason;
  const [e] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(eq(enrolments.orderLineId, line.id));
  if (e) {
    await lockRows(tx, "enrolment", enrolments, [e.id]);
    const [enrolment] = await tx.select().from(enrolments).where(eq(enrolments.id, e.id));
    if (enrolment!.status === "completed") await undoCompletions(tx, [e.id], actorId, opts);
    if (enrolment!.status === "suspended") {
      throw refuse("line_disputed", "The payment is disputed: wait for the dispute to close");
    }
    await tx
      .update(enrolments)
      .set({ status: "revoked", statusReason: refundReason(reason), updatedAt: at })
      .where(eq(enrolments.id, e.id));
  }
  await tx.update(orderLines).set({ state: "refunded" }).where(eq(orderLines.id, line.id));
  return { amountMinor: refundableMinor(line), seats: null };
}

const refundReason = (reason?: string) => (reason ? `refunded: ${reason}` : "refunded");

async function lockLicenceOf(tx: Tx, line: Line) {
  const [l] = await tx
    .select({ id: licences.id })
    .from(licences)
    .where(eq(licences.orderLineId, line.id));
  if (!l) throw refuse("line_not_refundable", "The line has no licence");
  await lockRows(tx, "licence", licences, [l.id]);
  const [licence] = await tx.select().from(licences).where(eq(licences.id, l.id));
  if (licence!.status !== "active") {
    throw refuse("line_not_refundable", "The licence is not active");
  }
  return licence!;
}

/**
 * A seat line: `k` unused seats (unassigned, or assigned with a pending invitation, which is
 * revoked), at the unit price each. Activated seats are never refunded here. Capacity comes back
 * through `places`; the last seat refunded refunds the licence and the line.
 */
async function refundSeats(tx: Tx, line: Line, at: Date, asked?: number) {
  const licence = await lockLicenceOf(tx, line);
  const seats = await tx
    .select({ id: licenceSeats.id, state: licenceSeats.state })
    .from(licenceSeats)
    .where(eq(licenceSeats.licenceId, licence.id))
    .orderBy(asc(licenceSeats.seatNo));
  const invited = new Set(
    (
      await tx
        .select({ seatId: seatInvitations.seatId })
        .from(seatInvitations)
        .where(
          and(eq(seatInvitations.licenceId, licence.id), eq(seatInvitations.status, "pending")),
        )
    ).map((i) => i.seatId),
  );
  // Unassigned seats go first, the highest numbers first; then seats only invited to.
  const unused = [
    ...seats.filter((s) => s.state === "unassigned").reverse(),
    ...seats.filter((s) => s.state === "assigned" && invited.has(s.id)).reverse(),
  ];
  const k = asked ?? unused.length;
  if (unused.length === 0) throw refuse("no_unused_seats", "Every seat is in use");
  if (k > unused.length) {
    throw new AppError("CONFLICT", "not_enough_unused_seats", `Only ${unused.length} unused`, {
      fields: { seats: { code: "invalid", max: unused.length } },
    });
  }
  const chosen = unused.slice(0, k).map((s) => s.id);
  await tx
    .update(seatInvitations)
    .set({ status: "revoked", decidedAt: at })
    .where(and(inArray(seatInvitations.seatId, chosen), eq(seatInvitations.status, "pending")));
  await tx
    .update(licenceSeats)
    .set({ state: "refunded", updatedAt: at })
    .where(inArray(licenceSeats.id, chosen));
  const left = seats.filter((s) => s.state !== "refunded").length - k;
  if (left === 0) {
    await tx.update(licences).set({ status: "refunded" }).where(eq(licences.id, licence.id));
  }
  await tx
    .update(orderLines)
    .set({ places: line.places - k, ...(left === 0 ? { state: "refunded" as const } : {}) })
    .where(eq(orderLines.id, line.id));
  return { amountMinor: line.unitAmountMinor * k, seats: k };
}

/** A site licence: the whole line; the licence and its site enrolments are revoked. */
async function revokeSiteLicence(
  tx: Tx,
  line: Line,
  at: Date,
  actorId: string,
  opts: { reason?: string; asAdmin?: boolean },
) {
  const reason = opts.reason;
  const licence = await lockLicenceOf(tx, line);
  const ids = (
    await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.licenceId, licence.id),
          inArray(enrolments.status, ["active", "suspended", "completed"]),
        ),
      )
  ).map((e) => e.id);
  await lockRows(tx, "enrolment", enrolments, ids);
  const live = ids.length
    ? await tx
        .select({ id: enrolments.id, status: enrolments.status })
        .from(enrolments)
        .where(inArray(enrolments.id, ids))
    : [];
  const completed = live.filter((e) => e.status === "completed").map((e) => e.id);
  if (completed.length > 0) await undoCompletions(tx, completed, actorId, opts);
  if (ids.length > 0) {
    await tx
      .update(enrolments)
      .set({ status: "revoked", statusReason: refundReason(reason), updatedAt: at })
      .where(inArray(enrolments.id, ids));
  }
  await tx
    .update(seatInvitations)
    .set({ status: "revoked", decidedAt: at })
    .where(and(eq(seatInvitations.licenceId, licence.id), eq(seatInvitations.status, "pending")));
  await tx.update(licences).set({ status: "refunded" }).where(eq(licences.id, licence.id));
  await tx.update(orderLines).set({ state: "refunded" }).where(eq(orderLines.id, line.id));
  return { amountMinor: refundableMinor(line), seats: null };
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
