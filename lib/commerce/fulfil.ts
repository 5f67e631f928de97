import { TZDate } from "@date-fns/tz";
import { addMonths } from "date-fns";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  enrolments,
  licenceSeats,
  licences,
  orderLines,
  orders,
  paymentIncidents,
  resources,
  resourceVersions,
  users,
} from "@/db/schema";
import type { Locale } from "@/i18n/routing";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { sendMail } from "@/lib/mail";
import { readAllianceTimeZone } from "@/lib/time/alliance-zone";
import { placesInUse } from "./places";
import { requestRefund } from "./refunds";
import { queueSellerTransfers } from "./transfers";

type Line = typeof orderLines.$inferSelect;
export type PaymentRef = { id: string; provider: "sandbox" | "stripe" | "bank_transfer" };

/**
 * Fulfil a paid order: every pending line becomes its enrolment or licence, in the caller's
 * transaction. Keyed by the order line (unique `order_line_id` on enrolments and licences), so
 * a second call — a redelivered event, a second event id, a late retry — creates nothing twice.
 * A line that cannot be fulfilled now (full, already enrolled, withdrawn) is marked so and
 * refunded from `payment`. `fresh` says the caller created the order in this transaction
 * (a free order) and so already holds what a lock would give.
 */
export async function fulfilOrder(
  tx: Tx,
  orderId: string,
  payment: PaymentRef | null = null,
  opts: { fresh?: boolean } = {},
): Promise<"fulfilled" | "already"> {
  if (!opts.fresh) await lockRows(tx, "order", orders, [orderId]);
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw new Error(`order ${orderId} not found`);
  if (order.status === "paid") return "already";
  const at = now();
  const lines = await tx
    .select()
    .from(orderLines)
    .where(and(eq(orderLines.orderId, orderId), inArray(orderLines.state, ["pending", "released"])))
    .orderBy(asc(orderLines.id));
  const holdLapsed = order.status !== "pending" || order.holdExpiresAt <= at;
  const versions = await tx
    .select({ id: resourceVersions.id, v: resourceVersions, status: resources.status })
    .from(resourceVersions)
    .innerJoin(resources, eq(resources.id, resourceVersions.resourceId))
    .where(
      inArray(
        resourceVersions.id,
        lines.map((l) => l.resourceVersionId),
      ),
    );
  const byVersion = new Map(versions.map((v) => [v.id, v]));
  // Places are rechecked only when the order's hold lapsed before the money arrived.
  const recheck = holdLapsed
    ? lines.filter((l) => l.places > 0 && byVersion.get(l.resourceVersionId)?.v.capacity != null)
    : [];
  if (recheck.length > 0) {
    await lockRows(
      tx,
      "resource_capacity",
      resources,
      recheck.map((l) => l.resourceId),
    );
  }
  const timeZone = await readAllianceTimeZone(tx);
  const failed: { line: Line; reason: string }[] = [];
  for (const line of lines) {
    const ver = byVersion.get(line.resourceVersionId)!;
    let reason: string | null = null;
    if (ver.status !== "published") reason = "withdrawn";
    else if (recheck.includes(line)) {
      const used = await placesInUse(tx, line.resourceId, at, line.id);
      if (used + line.places > ver.v.capacity!) reason = "sold_out";
    }
    if (!reason) reason = await createWhatWasBought(tx, order, line, ver.v, at, timeZone);
    if (reason) failed.push({ line, reason });
  }
  await tx
    .update(orders)
    .set({ status: "paid", paidAt: at, updatedAt: at })
    .where(eq(orders.id, orderId));
  const failedIds = new Set(failed.map((f) => f.line.id));
  const fulfilled = lines.filter((l) => !failedIds.has(l.id));
  if (fulfilled.length > 0) {
    await tx
      .update(orderLines)
      .set({ state: "fulfilled", fulfilledAt: at })
      .where(
        inArray(
          orderLines.id,
          fulfilled.map((l) => l.id),
        ),
      );
  }
  for (const f of failed) {
    await tx
      .update(orderLines)
      .set({ state: "unfulfillable", stateReason: f.reason })
      .where(eq(orderLines.id, f.line.id));
    if (payment && f.line.amountMinor > 0) {
      await requestRefund(tx, {
        paymentId: payment.id,
        lineId: f.line.id,
        amountMinor: f.line.amountMinor,
        reason: "unfulfillable",
        requestedBy: null,
        note: f.reason,
      });
    }
    await tx.insert(paymentIncidents).values({
      kind: "unfulfillable",
      provider: payment?.provider ?? "sandbox",
      orderId,
      paymentId: payment?.id ?? null,
      details: { lineId: f.line.id, reason: f.reason },
    });
  }
  await queueSellerTransfers(tx, order, lines, failedIds, payment);
  await writeAudit(tx, {
    actorId: null,
    action: "order.fulfilled",
    targetType: "order",
    targetId: orderId,
    institutionId: order.buyerInstitutionId,
    after: { fulfilled: fulfilled.length, unfulfillable: failed.map((f) => f.reason) },
  });
  await mailReceipt(tx, order, lines, failedIds);
  return "fulfilled";
}

/** The enrolment or licence a line bought; a reason when it cannot be had. */
async function createWhatWasBought(
  tx: Tx,
  order: typeof orders.$inferSelect,
  line: Line,
  v: typeof resourceVersions.$inferSelect,
  at: Date,
  timeZone: string,
): Promise<string | null> {
  if (line.offerKind === "learner") {
    const made = await tx
      .insert(enrolments)
      .values({
        userId: order.placedBy,
        resourceId: line.resourceId,
        resourceVersionId: line.resourceVersionId,
        creditsX100: v.creditsX100,
        level: v.level,
        fieldCode: v.fieldCode,
        source: "purchase",
        orderLineId: line.id,
        createdAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: enrolments.id });
    if (made.length === 1) return null;
    const [mine] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(eq(enrolments.orderLineId, line.id));
    // Another live enrolment of this learner on this resource (a second purchase, a seat).
    return mine ? null : "already_enrolled";
  }
  const validTo = addMonths(new TZDate(at, timeZone), line.termMonths ?? 12);
  const made = await tx
    .insert(licences)
    .values({
      licenseeInstitutionId: order.buyerInstitutionId!,
      resourceId: line.resourceId,
      resourceVersionId: line.resourceVersionId,
      orderLineId: line.id,
      kind: line.offerKind === "seat" ? "seats" : "site",
      seatCount: line.offerKind === "seat" ? line.quantity : null,
      validFrom: at,
      validTo: new Date(validTo.getTime()),
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: licences.id });
  if (made.length === 1 && line.offerKind === "seat") {
    await tx.insert(licenceSeats).values(
      Array.from({ length: line.quantity }, (_, i) => ({
        licenceId: made[0]!.id,
        seatNo: i + 1,
        updatedAt: at,
      })),
    );
  }
  return null;
}

async function mailReceipt(
  tx: Tx,
  order: typeof orders.$inferSelect,
  lines: Line[],
  failed: Set<string>,
): Promise<void> {
  const [buyer] = await tx
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, order.placedBy));
  if (!buyer) return;
  const locale = (buyer.locale === "en" ? "en" : "zh-CN") as Locale;
  await sendMail(tx, buyer.email, locale, {
    kind: "order_receipt",
    orderId: order.id,
    currency: order.currency,
    totalMinor: order.totalMinor,
    lines: lines.map((l) => ({
      title: locale === "zh-CN" ? l.titleZh : l.titleEn,
      quantity: l.quantity,
      amountMinor: l.amountMinor,
      refunded: failed.has(l.id),
    })),
  });
}
