import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  enrolments,
  institutions,
  orderLines,
  orders,
  paymentSessions,
  refunds,
  resources,
  resourceVersions,
} from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { canAtInstitution, canOnPlatform } from "@/lib/auth/permissions";
import { getInstitutionForStaff } from "@/lib/institutions/staff";

type Order = typeof orders.$inferSelect;

/** Who may see an order: its placer, the buying institution's finance, the alliance office. */
function maySee(viewer: Viewer, order: Order): boolean {
  if (order.placedBy === viewer.userId) return true;
  if (
    order.buyerInstitutionId &&
    canAtInstitution(viewer, "orders:view", order.buyerInstitutionId)
  ) {
    return true;
  }
  return canOnPlatform(viewer, "totals:view");
}

export type OrderView = Awaited<ReturnType<typeof getOrderForViewer>>;

/** One order with its lines, open session and refunds; null when the viewer may not see it. */
export async function getOrderForViewer(viewer: Viewer, orderId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(orderId)) return null;
  const db = await getDb();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order || !maySee(viewer, order)) return null;
  const [lines, sessions, refundRows, buyer] = await Promise.all([
    db
      .select({ line: orderLines, slug: resources.slug })
      .from(orderLines)
      .innerJoin(resources, eq(resources.id, orderLines.resourceId))
      .where(eq(orderLines.orderId, orderId))
      .orderBy(orderLines.id),
    db
      .select()
      .from(paymentSessions)
      .where(eq(paymentSessions.orderId, orderId))
      .orderBy(desc(paymentSessions.createdAt)),
    db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(refunds.createdAt),
    order.buyerInstitutionId
      ? db
          .select({ nameZh: institutions.nameZh, nameEn: institutions.nameEn })
          .from(institutions)
          .where(eq(institutions.id, order.buyerInstitutionId))
      : Promise.resolve([]),
  ]);
  return {
    order,
    buyer: buyer[0] ?? null,
    lines: lines.map((l) => ({ ...l.line, slug: l.slug })),
    openSession: sessions.find((s) => s.status === "open") ?? null,
    refunds: refundRows.filter((r) => r.allocated),
  };
}

/** The viewer's own orders, newest first. */
export async function listMyOrders(viewer: Viewer, limit = 50) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(orders)
    .where(eq(orders.placedBy, viewer.userId))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
  return withTitles(rows);
}

/** Orders an institution placed (finance staff). */
export async function listInstitutionPurchases(viewer: Viewer, slug: string, limit = 100) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "orders:view");
  const rows = await db
    .select()
    .from(orders)
    .where(eq(orders.buyerInstitutionId, inst.id))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
  return { inst, orders: await withTitles(rows) };
}

async function withTitles(rows: Order[]) {
  if (rows.length === 0) return [];
  const db = await getDb();
  const lines = await db
    .select({
      orderId: orderLines.orderId,
      titleZh: orderLines.titleZh,
      titleEn: orderLines.titleEn,
      quantity: orderLines.quantity,
      offerKind: orderLines.offerKind,
    })
    .from(orderLines)
    .where(
      inArray(
        orderLines.orderId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((o) => ({ ...o, lines: lines.filter((l) => l.orderId === o.id) }));
}

/** "My learning": the viewer's enrolments with the version they bought. */
export async function listMyEnrolments(viewer: Viewer) {
  const db = await getDb();
  return db
    .select({
      id: enrolments.id,
      status: enrolments.status,
      source: enrolments.source,
      createdAt: enrolments.createdAt,
      creditsX100: enrolments.creditsX100,
      slug: resources.slug,
      titleZh: resourceVersions.titleZh,
      titleEn: resourceVersions.titleEn,
      // The result that stands: the live pass, else the latest live fail (with its reason).
      result: sql<{
        outcome: "pass" | "fail";
        reason: string | null;
        scoreX100: number | null;
      } | null>`(
        select json_build_object('outcome', c.outcome, 'reason', c.reason, 'scoreX100', c.score_x100)
        from completions c where c.enrolment_id = enrolments.id and c.voided_at is null
        order by (c.outcome = 'pass') desc, c.created_at desc limit 1)`,
    })
    .from(enrolments)
    .innerJoin(resources, eq(resources.id, enrolments.resourceId))
    .innerJoin(resourceVersions, eq(resourceVersions.id, enrolments.resourceVersionId))
    .where(eq(enrolments.userId, viewer.userId))
    .orderBy(desc(enrolments.createdAt));
}

/** Whether the viewer holds a live enrolment on a resource (the resource page says so). */
export async function liveEnrolmentOn(viewer: Viewer, resourceId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.userId, viewer.userId),
        eq(enrolments.resourceId, resourceId),
        // `live`: active, suspended or completed — the unique index's own condition, so it is used.
        sql`${enrolments.live}`,
      ),
    );
  return !!row;
}

/** A sandbox checkout session with its order, for the person who placed the order only. */
export async function getSandboxSession(viewer: Viewer, sessionId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return null;
  const db = await getDb();
  const [session] = await db
    .select()
    .from(paymentSessions)
    .where(and(eq(paymentSessions.id, sessionId), eq(paymentSessions.provider, "sandbox")));
  const view = session ? await getOrderForViewer(viewer, session.orderId) : null;
  if (!session || !view || view.order.placedBy !== viewer.userId) return null;
  return { session, ...view };
}
