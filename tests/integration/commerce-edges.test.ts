import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { recordBankTransfer } from "@/lib/commerce/bank-transfers";
import { placeOrder } from "@/lib/commerce/checkout";
import { resolveIncident } from "@/lib/commerce/incidents";
import { refundLine } from "@/lib/commerce/seller-refunds";
import { resetEnvCache } from "@/lib/env";
import {
  buyingInstitution,
  learner,
  lineFor,
  runAllJobs,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import { createUser, mustViewer } from "../support/fixtures";

beforeAll(async () => {
  await getDb();
});

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["APP_MODE", "AUTH_SECRET", "SMTP_URL", "ALLOW_SANDBOX_PAYMENTS"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
  resetEnvCache();
});

describe("[COMMERCE] edges", () => {
  it("a free enrolment on a course with limited places is fulfilled at once and takes a place", async () => {
    const { course } = await sellerWithCourse({
      capacity: 1,
      offers: { learner: { amountMinor: 0 } },
    });
    const first = await placeOrder(await learner(), {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    expect(first).toMatchObject({ status: "paid", route: "free" });
    await expect(
      placeOrder(await learner(), { buyer: "self", lines: [await lineFor(course.id, "learner")] }),
    ).rejects.toMatchObject({ reason: "sold_out" });
  });

  it("above the card maximum an institution pays by bank transfer and a learner cannot pay", async () => {
    const { course } = await sellerWithCourse({
      offers: {
        learner: { amountMinor: 100_000_000 },
        seat: { amountMinor: 50_000_000, minQuantity: 1 },
      },
    });
    const { inst, finance } = await buyingInstitution();
    const big = await placeOrder(finance, {
      buyer: inst.slug,
      lines: [await lineFor(course.id, "seat", 2)],
    });
    expect(big).toMatchObject({ status: "pending", route: "bank_transfer" });
    await expect(
      placeOrder(await learner(), { buyer: "self", lines: [await lineFor(course.id, "learner")] }),
    ).rejects.toMatchObject({ reason: "amount_too_large" });
  });

  it("production refuses the sandbox unless ALLOW_SANDBOX_PAYMENTS=true", async () => {
    const { course } = await sellerWithCourse();
    const me = await learner();
    const line = await lineFor(course.id, "learner");
    Object.assign(process.env, {
      APP_MODE: "production",
      AUTH_SECRET: "x".repeat(40),
      LEDGER_SIGNING_JWKS: "{}",
      CREDENTIAL_SIGNING_JWKS: "{}",
      SMTP_URL: "smtp://127.0.0.1:2525",
      DATABASE_URL: process.env.DATABASE_URL ?? "postgres://unused@127.0.0.1:5432/unused",
    });
    resetEnvCache();
    await expect(placeOrder(me, { buyer: "self", lines: [line] })).rejects.toMatchObject({
      reason: "payments_unavailable",
    });
    process.env.ALLOW_SANDBOX_PAYMENTS = "true";
    resetEnvCache();
    expect(await placeOrder(me, { buyer: "self", lines: [line] })).toMatchObject({
      status: "pending",
      route: "checkout",
    });
  });

  it("a refund of a bank-transfer order waits for finance to wire it, then counts", async () => {
    const sale = await sellerWithCourse({
      offers: { learner: { amountMinor: 100 }, seat: { amountMinor: 15000, minQuantity: 1 } },
    });
    const { inst, finance } = await buyingInstitution();
    const placed = await placeOrder(finance, {
      buyer: inst.slug,
      lines: [await lineFor(sale.course.id, "seat", 4)],
      paymentRoute: "bank_transfer",
    });
    const office = await mustViewer((await createUser({ platformRole: "finance" })).id);
    const reference = `ICBC-${placed.orderId.slice(0, 8)}`;
    await recordBankTransfer(office, {
      orderId: placed.orderId,
      reference,
      amount: "600.00",
      currency: "CNY",
    });
    const db = await getDb();
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    await refundLine(sale.sellerFinance, {
      institutionSlug: sale.seller.slug,
      lineId: line!.id,
      seats: 1,
    });
    await runAllJobs();
    const [pending] = await db
      .select()
      .from(s.refunds)
      .where(eq(s.refunds.orderId, placed.orderId));
    expect(pending).toMatchObject({ status: "pending", amountMinor: 15000 });
    const [due] = await db
      .select()
      .from(s.paymentIncidents)
      .where(
        and(
          eq(s.paymentIncidents.kind, "bank_refund_due"),
          eq(s.paymentIncidents.refundId, pending!.id),
        ),
      );
    expect(due).toBeDefined();
    // The same reference cannot be recorded again for another order.
    const other = await placeOrder(finance, {
      buyer: inst.slug,
      lines: [await lineFor(sale.course.id, "seat", 1)],
      paymentRoute: "bank_transfer",
    });
    await expect(
      recordBankTransfer(office, {
        orderId: other.orderId,
        reference,
        amount: "150.00",
        currency: "CNY",
      }),
    ).rejects.toMatchObject({ reason: "reference_used" });
    await resolveIncident(office, { incidentId: due!.id, note: "Wired back on 1 December" });
    const [done] = await db.select().from(s.refunds).where(eq(s.refunds.id, pending!.id));
    expect(done!.status).toBe("succeeded");
    const [pay] = await db.select().from(s.payments).where(eq(s.payments.orderId, placed.orderId));
    expect(pay!.refundedMinor).toBe(15000);
  });
});
