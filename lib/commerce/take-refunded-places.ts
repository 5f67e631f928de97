import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { enrolments, licenceSeats, licences, orderLines, seatInvitations } from "@/db/schema";
import { reversePasses } from "@/lib/completions/deposits";
import { lockRows } from "@/lib/db/lock-order";
import { AppError } from "@/lib/errors";
import { refundableMinor } from "./money-rules";

/*
 * What a seller refund takes back, line kind by line kind, under the locks `refundLocked` took
 * (the order) and those taken here (the licence, then enrolments): a learner's enrolment, unused
 * seats, or a whole site licence. Completed enrolments are reversed in the ledger.
 */

type Line = typeof orderLines.$inferSelect;

const refuse = (reason: string, message: string) => new AppError("CONFLICT", reason, message);

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
export async function revokeLearnerLine(
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
export async function refundSeats(tx: Tx, line: Line, at: Date, asked?: number) {
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
export async function revokeSiteLicence(
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
          // `live`: active, suspended or completed — the unique index's own condition, so it is used.
          sql`${enrolments.live}`,
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
