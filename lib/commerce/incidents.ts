import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { orders, paymentIncidents, payments, refunds } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { resolveIncidentSchema } from "./finance-schemas";
import { setRefundStatus } from "./refunds";

/**
 * Alliance finance's queue (PRODUCT.md §6): everything the payment code could not settle by
 * itself — an unknown order, a mismatch, a dispute before fulfilment, a duplicate payment, an
 * unfulfillable line, a refund made outside the Exchange, a refund that failed.
 */
export async function listIncidents(viewer: Viewer, opts: { resolved?: boolean } = {}) {
  if (!canOnPlatform(viewer, "refunds:allocate")) throw forbidden();
  const db = await getDb();
  return db
    .select({
      id: paymentIncidents.id,
      kind: paymentIncidents.kind,
      provider: paymentIncidents.provider,
      eventId: paymentIncidents.eventId,
      orderId: paymentIncidents.orderId,
      paymentAmountMinor: payments.amountMinor,
      paymentCurrency: payments.currency,
      refundAmountMinor: refunds.amountMinor,
      refundStatus: refunds.status,
      details: paymentIncidents.details,
      createdAt: paymentIncidents.createdAt,
      resolvedAt: paymentIncidents.resolvedAt,
    })
    .from(paymentIncidents)
    .leftJoin(payments, eq(payments.id, paymentIncidents.paymentId))
    .leftJoin(refunds, eq(refunds.id, paymentIncidents.refundId))
    .where(
      opts.resolved ? isNotNull(paymentIncidents.resolvedAt) : isNull(paymentIncidents.resolvedAt),
    )
    .orderBy(desc(paymentIncidents.createdAt))
    .limit(200);
}

/**
 * Close an incident with what was done about it. The schema has no note column, so the note is
 * kept in the incident's details (and in the audit row); resolving twice is refused.
 */
export async function resolveIncident(viewer: Viewer, input: unknown): Promise<void> {
  if (!canOnPlatform(viewer, "refunds:allocate")) throw forbidden();
  const data = parseInput(resolveIncidentSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const at = now();
    const done = await tx
      .update(paymentIncidents)
      .set({
        resolvedBy: viewer.userId,
        resolvedAt: at,
        details: sql`${paymentIncidents.details} || ${JSON.stringify({ resolutionNote: data.note })}::jsonb`,
      })
      .where(and(eq(paymentIncidents.id, data.incidentId), isNull(paymentIncidents.resolvedAt)))
      .returning({
        kind: paymentIncidents.kind,
        orderId: paymentIncidents.orderId,
        refundId: paymentIncidents.refundId,
      });
    if (done.length === 0) {
      const [exists] = await tx
        .select({ id: paymentIncidents.id })
        .from(paymentIncidents)
        .where(eq(paymentIncidents.id, data.incidentId));
      if (!exists) throw notFound("Incident not found");
      throw new AppError("CONFLICT", "incident_resolved", "The incident is already resolved");
    }
    const resolved = done[0]!;
    // Resolving a bank refund says the money was wired back: the refund has succeeded.
    if (resolved.kind === "bank_refund_due" && resolved.refundId && resolved.orderId) {
      await lockRows(tx, "order", orders, [resolved.orderId]);
      await setRefundStatus(tx, resolved.refundId, "succeeded");
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "payment_incident.resolved",
      targetType: "payment_incident",
      targetId: data.incidentId,
      after: { kind: done[0]!.kind, orderId: done[0]!.orderId, note: data.note },
    });
  });
}
