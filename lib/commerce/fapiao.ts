import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { fapiaoRequests, institutions, orderLines, orders } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canAtInstitution } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { getInstitutionForStaff } from "@/lib/institutions/staff";
import { withInstitution, withInstitutionById } from "@/lib/institutions/with-institution";
import { parseInput } from "@/lib/validation";
import { issueFapiaoSchema, requestFapiaoSchema } from "./finance-schemas";

/**
 * The buyer asks one seller of a paid order for a fapiao (发票): the person who placed a
 * learner's order, or finance staff of the buying institution (checked under its lock). One
 * request per (order, seller): the unique index decides between two at once.
 */
export async function requestFapiao(viewer: Viewer, input: unknown): Promise<string> {
  const data = parseInput(requestFapiaoSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({
        id: orders.id,
        status: orders.status,
        placedBy: orders.placedBy,
        buyer: orders.buyerInstitutionId,
      })
      .from(orders)
      .where(eq(orders.id, data.orderId));
    if (!order) throw notFound("Order not found");
    if (order.buyer) {
      await withInstitutionById(tx, { type: "user", viewer }, order.buyer, "orders:buy");
    } else if (order.placedBy !== viewer.userId) {
      throw notFound("Order not found");
    }
    const [sold] = await tx
      .select({ id: orderLines.id })
      .from(orderLines)
      .where(
        and(
          eq(orderLines.orderId, order.id),
          eq(orderLines.sellerInstitutionId, data.sellerInstitutionId),
          eq(orderLines.state, "fulfilled"),
        ),
      )
      .limit(1);
    if (order.status !== "paid" || !sold) {
      throw new AppError("CONFLICT", "fapiao_not_available", "Nothing of this seller was paid");
    }
    const [row] = await tx
      .insert(fapiaoRequests)
      .values({
        orderId: order.id,
        sellerInstitutionId: data.sellerInstitutionId,
        title: data.title,
        taxpayerId: data.taxpayerId,
        email: data.email,
        requestedBy: viewer.userId,
        createdAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: fapiaoRequests.id });
    if (!row) {
      throw new AppError("CONFLICT", "fapiao_already_requested", "A fapiao was already requested");
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "fapiao.requested",
      targetType: "fapiao_request",
      targetId: row.id,
      institutionId: data.sellerInstitutionId,
      after: { orderId: order.id, title: data.title, taxpayerId: data.taxpayerId },
    });
    return row.id;
  });
}

/** The seller's fapiao queue, requested first. */
export async function listFapiaoQueue(viewer: Viewer, slug: string) {
  const db = await getDb();
  const inst = await getInstitutionForStaff(db, viewer, slug, "invoices:issue");
  const rows = await db
    .select({
      id: fapiaoRequests.id,
      orderId: fapiaoRequests.orderId,
      title: fapiaoRequests.title,
      taxpayerId: fapiaoRequests.taxpayerId,
      email: fapiaoRequests.email,
      status: fapiaoRequests.status,
      invoiceNumber: fapiaoRequests.invoiceNumber,
      createdAt: fapiaoRequests.createdAt,
      issuedAt: fapiaoRequests.issuedAt,
    })
    .from(fapiaoRequests)
    .where(eq(fapiaoRequests.sellerInstitutionId, inst.id))
    .orderBy(desc(fapiaoRequests.status), desc(fapiaoRequests.createdAt))
    .limit(300);
  return { institution: inst, requests: rows };
}

/**
 * The buyer's side of one order: its sellers with fulfilled lines, and what was asked of each
 * and issued. Only for those who may request (the placer, the buying institution's finance).
 */
export async function fapiaoOfOrder(viewer: Viewer, orderId: string) {
  const db = await getDb();
  const [order] = await db
    .select({ placedBy: orders.placedBy, buyer: orders.buyerInstitutionId, status: orders.status })
    .from(orders)
    .where(eq(orders.id, orderId));
  const may =
    order &&
    (order.buyer
      ? canAtInstitution(viewer, "orders:buy", order.buyer)
      : order.placedBy === viewer.userId);
  if (!may) throw notFound("Order not found");
  const sellers = await db
    .selectDistinct({
      id: institutions.id,
      nameZh: institutions.nameZh,
      nameEn: institutions.nameEn,
    })
    .from(orderLines)
    .innerJoin(institutions, eq(institutions.id, orderLines.sellerInstitutionId))
    .where(and(eq(orderLines.orderId, orderId), eq(orderLines.state, "fulfilled")));
  const asked = await db
    .select({
      sellerInstitutionId: fapiaoRequests.sellerInstitutionId,
      sellerNameZh: institutions.nameZh,
      sellerNameEn: institutions.nameEn,
      status: fapiaoRequests.status,
      invoiceNumber: fapiaoRequests.invoiceNumber,
    })
    .from(fapiaoRequests)
    .innerJoin(institutions, eq(institutions.id, fapiaoRequests.sellerInstitutionId))
    .where(eq(fapiaoRequests.orderId, orderId));
  return { paid: order.status === "paid", sellers, asked };
}

/** The seller's finance records the fapiao it issued: requested → issued, with its number. */
export async function issueFapiao(viewer: Viewer, input: unknown): Promise<void> {
  const data = parseInput(issueFapiaoSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const inst = await withInstitution(
      tx,
      { type: "user", viewer },
      data.institutionSlug,
      "invoices:issue",
    );
    const at = now();
    const done = await tx
      .update(fapiaoRequests)
      .set({
        status: "issued",
        invoiceNumber: data.invoiceNumber,
        issuedBy: viewer.userId,
        issuedAt: at,
      })
      .where(
        and(
          eq(fapiaoRequests.id, data.requestId),
          eq(fapiaoRequests.sellerInstitutionId, inst.id),
          eq(fapiaoRequests.status, "requested"),
        ),
      )
      .returning({ id: fapiaoRequests.id });
    if (done.length === 0) {
      const [mine] = await tx
        .select({ id: fapiaoRequests.id })
        .from(fapiaoRequests)
        .where(
          and(
            eq(fapiaoRequests.id, data.requestId),
            eq(fapiaoRequests.sellerInstitutionId, inst.id),
          ),
        );
      if (!mine) throw notFound("Fapiao request not found");
      throw new AppError("CONFLICT", "fapiao_already_issued", "The fapiao was already issued");
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "fapiao.issued",
      targetType: "fapiao_request",
      targetId: data.requestId,
      institutionId: inst.id,
      after: { invoiceNumber: data.invoiceNumber },
    });
  });
}
