import { and, asc, eq, lte } from "drizzle-orm";
import { getDb } from "@/db";
import { orders, paymentSessions } from "@/db/schema";
import { lockRows } from "@/lib/db/lock-order";
import { releaseOrder } from "./payment-events";

/**
 * Release orders whose hold lapsed without payment (the sandbox's and bank transfers' sessions
 * have no processor to say so). Places already stopped counting at `hold_expires_at`; this only
 * makes the order's state say it. Each order in its own short transaction.
 */
export async function expireLapsedOrders(at: Date, limit = 500): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "pending"), lte(orders.holdExpiresAt, at)))
    .orderBy(asc(orders.holdExpiresAt))
    .limit(limit);
  let released = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      await lockRows(tx, "order", orders, [id]);
      const [o] = await tx.select().from(orders).where(eq(orders.id, id));
      if (o?.status !== "pending" || o.holdExpiresAt > at) return;
      await tx
        .update(paymentSessions)
        .set({ status: "expired" })
        .where(and(eq(paymentSessions.orderId, id), eq(paymentSessions.status, "open")));
      await releaseOrder(tx, id, "expired");
      released++;
    });
  }
  return released;
}
