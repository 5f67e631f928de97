import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import {
  orderLines,
  orders,
  paymentAccounts,
  payments,
  refunds,
  sellerTransfers,
} from "@/db/schema";
import { lockRows } from "@/lib/db/lock-order";
import { toSafeInteger } from "@/lib/money/safe-integer";
import { enqueueMany } from "@/lib/jobs/enqueue";
import { providerOf } from "@/lib/payments";
import { stripeChargeOf } from "@/lib/payments/stripe";
import type { PaymentRef } from "./fulfil";

type Line = typeof orderLines.$inferSelect;

/**
 * After fulfilment: one transfer row per seller of the fulfilled lines, keyed by (order, seller).
 * A seller with a Stripe Connect account able to take charges (with the sandbox: every member)
 * is paid by a transfer job; the others, and every bank-transfer order, against their statements.
 * A Stripe destination charge (one connected seller) has already moved the share of every line,
 * fulfilled or not, so its row records all of it and an unfulfillable line's refund reverses it.
 */
export async function queueSellerTransfers(
  tx: Tx,
  order: typeof orders.$inferSelect,
  lines: Line[],
  unfulfillable: Set<string>,
  payment: PaymentRef | null,
): Promise<void> {
  const fulfilled = lines.filter((l) => !unfulfillable.has(l.id));
  if (!payment || lines.length === 0) return;
  const allSellers = [...new Set(lines.map((l) => l.sellerInstitutionId))];
  const connected =
    payment.provider === "stripe"
      ? new Set(
          (
            await tx
              .select({ id: paymentAccounts.institutionId })
              .from(paymentAccounts)
              .where(
                and(
                  inArray(paymentAccounts.institutionId, allSellers),
                  eq(paymentAccounts.chargesEnabled, true),
                ),
              )
          ).map((r) => r.id),
        )
      : new Set(payment.provider === "sandbox" ? allSellers : []);
  const destination =
    payment.provider === "stripe" && allSellers.length === 1 && connected.has(allSellers[0]!);
  const bySeller = new Map<string, number>();
  for (const l of destination ? lines : fulfilled) {
    bySeller.set(l.sellerInstitutionId, (bySeller.get(l.sellerInstitutionId) ?? 0) + l.shareMinor);
  }
  // Nothing provided (or only free lines): no seller is owed anything.
  const sellers = [...bySeller.keys()].filter((s) => bySeller.get(s)! > 0);
  if (sellers.length === 0) return;
  const rows = await tx
    .insert(sellerTransfers)
    .values(
      sellers.map((s) => ({
        orderId: order.id,
        sellerInstitutionId: s,
        amountMinor: bySeller.get(s)!,
        currency: order.currency,
        status: connected.has(s) ? ("queued" as const) : ("statement" as const),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: sellerTransfers.id, status: sellerTransfers.status });
  await enqueueMany(
    tx,
    "payments.transfer",
    rows.filter((r) => r.status === "queued").map((r) => ({ transferId: r.id })),
  );
}

/** The transfer job: send a queued seller share once (what refunds already took is netted). */
export async function runTransfers(transferIds: string[]): Promise<void> {
  const db = await getDb();
  for (const id of transferIds) {
    const [t] = await db
      .select({ t: sellerTransfers, account: paymentAccounts.stripeAccountId })
      .from(sellerTransfers)
      .leftJoin(
        paymentAccounts,
        eq(paymentAccounts.institutionId, sellerTransfers.sellerInstitutionId),
      )
      .where(eq(sellerTransfers.id, id));
    if (!t || t.t.status !== "queued") continue;
    const [payment] = await db
      .select()
      .from(payments)
      .where(and(eq(payments.orderId, t.t.orderId), sql`${payments.surplusReason} is null`));
    if (!payment) continue;
    const amount = t.t.amountMinor - t.t.reversedMinor;
    let chargeId = payment.chargeId;
    let existing: string | null = null;
    if (payment.provider === "stripe" && amount > 0) {
      // The webhook names the PaymentIntent only: its charge funds the transfer. A destination
      // charge already moved the share with the charge: that transfer is recorded, not repeated.
      const charge = await stripeChargeOf(payment.externalId, payment.chargeId);
      chargeId = charge.chargeId;
      if (chargeId && !payment.chargeId) {
        await db.update(payments).set({ chargeId }).where(eq(payments.id, payment.id));
      }
      if (charge.transferId && charge.destination && charge.destination === t.account) {
        existing = charge.transferId;
      }
    }
    const sent =
      existing !== null
        ? { externalId: existing }
        : amount > 0
          ? await providerOf(payment.provider).transfer({
              transferId: id,
              orderId: t.t.orderId,
              destinationAccountId: t.account ?? `sandbox_${t.t.sellerInstitutionId}`,
              amountMinor: amount,
              currency: t.t.currency,
              chargeId,
            })
          : { externalId: null };
    await db
      .update(sellerTransfers)
      .set({ status: "sent", externalId: sent.externalId })
      .where(and(eq(sellerTransfers.id, id), eq(sellerTransfers.status, "queued")));
  }
}

/**
 * The reversal job: a refund's share comes back from the seller's transfer, by an explicit
 * reversal of that exact amount, once per refund. A transfer not yet sent is netted instead.
 */
export async function runReversals(refundIds: string[]): Promise<void> {
  const db = await getDb();
  for (const id of refundIds) {
    const [r] = await db.select().from(refunds).where(eq(refunds.id, id));
    if (!r || !r.lineId || r.reversalExternalId || r.shareMinor <= 0) continue;
    const [line] = await db.select().from(orderLines).where(eq(orderLines.id, r.lineId));
    if (!line) continue;
    const [t] = await db
      .select()
      .from(sellerTransfers)
      .where(
        and(
          eq(sellerTransfers.orderId, r.orderId),
          eq(sellerTransfers.sellerInstitutionId, line.sellerInstitutionId),
        ),
      );
    if (!t) continue;
    if (line.state === "unfulfillable" && !(await transferIncludesUnfulfilled(t))) continue;
    // A transfer still queued may be on its way (a destination charge moved it already): wait
    // for it to be sent rather than net it; pg-boss retries this job with backoff.
    if (t.status === "queued") throw new Error(`transfer ${t.id} not sent yet`);
    const reversal =
      t.status === "sent" && t.externalId
        ? (
            await providerOf(r.provider).reverseTransfer({
              refundId: id,
              transferExternalId: t.externalId,
              amountMinor: r.shareMinor,
            })
          ).externalId
        : "netted";
    await db.transaction(async (tx) => {
      await lockRows(tx, "order", orders, [r.orderId]);
      const done = await tx
        .update(refunds)
        .set({ reversalExternalId: reversal })
        .where(and(eq(refunds.id, id), sql`${refunds.reversalExternalId} is null`))
        .returning({ id: refunds.id });
      if (done.length === 1) {
        await tx
          .update(sellerTransfers)
          .set({ reversedMinor: sql`${sellerTransfers.reversedMinor} + ${r.shareMinor}` })
          .where(eq(sellerTransfers.id, t.id));
      }
    });
  }
}

/**
 * Whether a seller's transfer carried shares of lines that were never provided: only a Stripe
 * destination charge does (it moves the whole charge less the fee at once).
 */
async function transferIncludesUnfulfilled(t: typeof sellerTransfers.$inferSelect) {
  const db = await getDb();
  const [row] = await db
    .select({ provided: sql<string>`coalesce(sum(${orderLines.shareMinor}), 0)` })
    .from(orderLines)
    .where(
      and(
        eq(orderLines.orderId, t.orderId),
        eq(orderLines.sellerInstitutionId, t.sellerInstitutionId),
        sql`${orderLines.state} <> 'unfulfillable'`,
      ),
    );
  return t.amountMinor > toSafeInteger(row?.provided ?? 0);
}
