import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { listAwaitingTransfer, recordBankTransfer } from "@/lib/commerce/bank-transfers";
import { placeOrder } from "@/lib/commerce/checkout";
import { issueFapiao, listFapiaoQueue, requestFapiao } from "@/lib/commerce/fapiao";
import { listIncidents, resolveIncident } from "@/lib/commerce/incidents";
import { setRefundStatus } from "@/lib/commerce/refunds";
import { refundLine } from "@/lib/commerce/seller-refunds";
import { lockRows } from "@/lib/db/lock-order";
import {
  buyInSandbox,
  buyingInstitution,
  learner,
  lineFor,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import { auditFor, createUser, mustViewer } from "../support/fixtures";

beforeAll(async () => {
  await getDb();
});

const financeOffice = async () => mustViewer((await createUser({ platformRole: "finance" })).id);

/** An institution orders 4 seats (150.00 each) to pay by bank transfer. */
async function bankOrder() {
  const sale = await sellerWithCourse({
    offers: { learner: { amountMinor: 19900 }, seat: { amountMinor: 15000, minQuantity: 1 } },
  });
  const buyer = await buyingInstitution();
  const placed = await placeOrder(buyer.finance, {
    buyer: buyer.inst.slug,
    lines: [await lineFor(sale.course.id, "seat", 4)],
    paymentRoute: "bank_transfer",
    locale: "en",
  });
  return { ...sale, buyer, orderId: placed.orderId };
}

async function licencesOf(institutionId: string) {
  const db = await getDb();
  return db.select().from(s.licences).where(eq(s.licences.licenseeInstitutionId, institutionId));
}

describe("[FINANCE] bank transfers", () => {
  it("waits 14 days, is listed for the office, and fulfils once however often it is recorded", async () => {
    const { orderId, buyer, seller } = await bankOrder();
    const office = await financeOffice();
    const db = await getDb();
    const [order] = await db.select().from(s.orders).where(eq(s.orders.id, orderId));
    expect(order).toMatchObject({ route: "bank_transfer", status: "pending", totalMinor: 60000 });
    const days = (order!.holdExpiresAt.getTime() - order!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(14);
    expect((await listAwaitingTransfer(office)).map((o) => o.orderId)).toContain(orderId);

    const input = {
      orderId,
      reference: `BOC-${orderId.slice(0, 8)}`,
      amount: "600.00",
      currency: "CNY",
    };
    expect(await recordBankTransfer(office, input)).toBe("fulfilled");
    expect(await recordBankTransfer(office, input)).toBe("already_recorded");
    expect(await recordBankTransfer(office, { ...input, amount: "600" })).toBe("already_recorded");
    expect(await licencesOf(buyer.inst.id)).toHaveLength(1);
    const pays = await db.select().from(s.payments).where(eq(s.payments.orderId, orderId));
    expect(pays).toEqual([
      expect.objectContaining({
        provider: "bank_transfer",
        amountMinor: 60000,
        recordedBy: office.userId,
      }),
    ]);
    const [t] = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, orderId));
    // Sellers of a bank-transfer order are paid against their statement.
    expect(t).toMatchObject({
      sellerInstitutionId: seller.id,
      status: "statement",
      amountMinor: 54000,
    });
    expect((await listAwaitingTransfer(office)).map((o) => o.orderId)).not.toContain(orderId);
    expect((await auditFor(orderId)).map((a) => a.action)).toContain("bank_transfer.recorded");
  });

  it("a wrong amount takes the mismatch path: not fulfilled, refunded, an incident", async () => {
    const { orderId, buyer } = await bankOrder();
    const office = await financeOffice();
    const out = await recordBankTransfer(office, {
      orderId,
      reference: `ICBC-${orderId.slice(0, 8)}`,
      amount: "599.99",
      currency: "CNY",
    });
    expect(out).toBe("mismatch");
    expect(await licencesOf(buyer.inst.id)).toEqual([]);
    const open = await listIncidents(office);
    expect(open).toContainEqual(expect.objectContaining({ kind: "mismatch", orderId }));
  });

  it("refuses bad input with the field named, strangers, and orders not paid by transfer", async () => {
    const { orderId } = await bankOrder();
    const office = await financeOffice();
    const base = { orderId, reference: "REF-1", currency: "CNY" };
    await expect(recordBankTransfer(office, { ...base, amount: "12.345" })).rejects.toMatchObject({
      fields: { amount: { code: "invalid_format" } },
    });
    await expect(recordBankTransfer(office, { ...base, amount: "-5" })).rejects.toMatchObject({
      fields: { amount: { code: "invalid_format" } },
    });
    await expect(recordBankTransfer(office, { ...base, amount: "0" })).rejects.toMatchObject({
      fields: { amount: { code: "invalid_format" } },
    });
    const admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
    await expect(recordBankTransfer(admin, { ...base, amount: "600" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const { course } = await sellerWithCourse();
    const me = await learner();
    const card = await buyInSandbox(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    await expect(
      recordBankTransfer(office, { ...base, orderId: card.orderId, amount: "199" }),
    ).rejects.toMatchObject({ reason: "not_bank_transfer_order" });
  });
});

describe("[FINANCE] incident queue", () => {
  it("lists open incidents and resolves one with a note, once, audited", async () => {
    const { orderId } = await bankOrder();
    const office = await financeOffice();
    await recordBankTransfer(office, {
      orderId,
      reference: `X-${orderId}`,
      amount: "1",
      currency: "CNY",
    });
    const incident = (await listIncidents(office)).find((i) => i.orderId === orderId)!;
    await expect(
      resolveIncident(office, { incidentId: incident.id, note: " " }),
    ).rejects.toMatchObject({
      fields: { note: { code: "required" } },
    });
    await resolveIncident(office, {
      incidentId: incident.id,
      note: "Paid back by the bank on 3 Nov",
    });
    expect((await listIncidents(office)).map((i) => i.id)).not.toContain(incident.id);
    const resolved = (await listIncidents(office, { resolved: true })).find(
      (i) => i.id === incident.id,
    );
    expect(resolved!.details).toMatchObject({ resolutionNote: "Paid back by the bank on 3 Nov" });
    await expect(
      resolveIncident(office, { incidentId: incident.id, note: "again" }),
    ).rejects.toMatchObject({ reason: "incident_resolved" });
    expect((await auditFor(incident.id)).map((a) => a.action)).toEqual([
      "payment_incident.resolved",
    ]);
    const seller = await sellerWithCourse();
    await expect(listIncidents(seller.sellerFinance)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("a refund the processor failed lands in the queue, and the line gets its amount back", async () => {
    const { course, seller, sellerFinance } = await sellerWithCourse();
    const me = await learner();
    const placed = await buyInSandbox(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    const db = await getDb();
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    const { refundId } = await refundLine(sellerFinance, {
      institutionSlug: seller.slug,
      lineId: line!.id,
    });
    await db.transaction(async (tx) => {
      await lockRows(tx, "order", s.orders, [placed.orderId]);
      await setRefundStatus(tx, refundId, "failed");
    });
    const office = await financeOffice();
    const open = await listIncidents(office);
    expect(open).toContainEqual(
      expect.objectContaining({
        kind: "refund_failed",
        refundAmountMinor: 19900,
        refundStatus: "failed",
      }),
    );
    const [after] = await db.select().from(s.orderLines).where(eq(s.orderLines.id, line!.id));
    expect(after).toMatchObject({ refundedMinor: 0, feeRefundedMinor: 0 });
  });
});

describe("[FINANCE] fapiao", () => {
  it("the buyer requests one per seller; the seller's finance issues it with a number", async () => {
    const { course, seller, sellerFinance } = await sellerWithCourse();
    const me = await learner();
    const placed = await buyInSandbox(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    const ask = {
      orderId: placed.orderId,
      sellerInstitutionId: seller.id,
      title: "上海某某科技有限公司",
      taxpayerId: "91310000ma1fl4xq3k",
      email: "Tax@Example.test",
    };
    await expect(requestFapiao(me, { ...ask, taxpayerId: "1234" })).rejects.toMatchObject({
      fields: { taxpayerId: { code: "invalid_format" } },
    });
    const stranger = await learner();
    await expect(requestFapiao(stranger, ask)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const id = await requestFapiao(me, ask);
    await expect(requestFapiao(me, ask)).rejects.toMatchObject({
      reason: "fapiao_already_requested",
    });
    const other = await sellerWithCourse();
    await expect(
      requestFapiao(me, { ...ask, sellerInstitutionId: other.seller.id }),
    ).rejects.toMatchObject({ reason: "fapiao_not_available" });

    const queue = await listFapiaoQueue(sellerFinance, seller.slug);
    expect(queue.requests).toEqual([
      expect.objectContaining({
        id,
        status: "requested",
        taxpayerId: "91310000MA1FL4XQ3K",
        email: "tax@example.test",
      }),
    ]);
    await expect(
      issueFapiao(other.sellerFinance, {
        institutionSlug: other.seller.slug,
        requestId: id,
        invoiceNumber: "1",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await issueFapiao(sellerFinance, {
      institutionSlug: seller.slug,
      requestId: id,
      invoiceNumber: "04400123",
    });
    await expect(
      issueFapiao(sellerFinance, {
        institutionSlug: seller.slug,
        requestId: id,
        invoiceNumber: "9",
      }),
    ).rejects.toMatchObject({ reason: "fapiao_already_issued" });
    const after = await listFapiaoQueue(sellerFinance, seller.slug);
    expect(after.requests[0]).toMatchObject({ status: "issued", invoiceNumber: "04400123" });
    expect((await auditFor(id)).map((a) => a.action).sort()).toEqual([
      "fapiao.issued",
      "fapiao.requested",
    ]);
  });

  it("an institutional order's fapiao is asked by the buying institution's finance", async () => {
    const { orderId, seller, buyer } = await bankOrder();
    const office = await financeOffice();
    const ask = {
      orderId,
      sellerInstitutionId: seller.id,
      title: "某大学",
      taxpayerId: "12100000400000624D",
      email: "finance@example.test",
    };
    await expect(requestFapiao(buyer.finance, ask)).rejects.toMatchObject({
      reason: "fapiao_not_available",
    });
    await recordBankTransfer(office, {
      orderId,
      reference: `F-${orderId}`,
      amount: "600.00",
      currency: "CNY",
    });
    const outsider = await learner();
    await expect(requestFapiao(outsider, ask)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await requestFapiao(buyer.finance, ask)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
