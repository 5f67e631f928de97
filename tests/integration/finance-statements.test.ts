import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { recordBankTransfer } from "@/lib/commerce/bank-transfers";
import { placeOrder } from "@/lib/commerce/checkout";
import { refundLine } from "@/lib/commerce/seller-refunds";
import { recordSettlement } from "@/lib/commerce/settlements";
import { getAllianceStatements, getInstitutionStatement } from "@/lib/commerce/statements";
import { statementCsv, toCsv } from "@/lib/commerce/statements-csv";
import {
  buyInSandbox,
  buyingInstitution,
  learner,
  lineFor,
  runAllJobs,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import { auditFor, createUser, mustViewer } from "../support/fixtures";

beforeAll(async () => {
  await getDb();
  const db = await getDb();
  const [std] = await db.select({ tz: s.creditStandard.timeZone }).from(s.creditStandard);
  expect(std!.tz).toBe("Asia/Shanghai");
});

afterEach(() => {
  vi.useRealTimers();
});

/** Run `work` with the application clock at `iso` (only Date is faked; timers run). */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ["Date"], now: new Date(iso) });
  try {
    return await work();
  } finally {
    vi.useRealTimers();
  }
}

const headings = {
  institution: "Institution",
  period: "Period",
  currency: "Currency",
  sales: "Sales",
  fees: "Fees",
  shares: "Shares",
  refunds: "Refunds",
  refundFees: "Refunded fees",
  refundShares: "Refunded shares",
  netPayout: "Net payout",
  connect: "Connect",
  bank: "By bank",
  settled: "Settled",
  reference: "Reference",
  outstanding: "Outstanding",
};

async function learnerLine(courseId: string) {
  const me = await learner();
  const placed = await buyInSandbox(me, {
    buyer: "self",
    lines: [await lineFor(courseId, "learner")],
  });
  const db = await getDb();
  const [line] = await db
    .select()
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, placed.orderId));
  return line!;
}

describe("[FINANCE] statements", () => {
  it("a month with sales, a partial refund and a refund in the next month, to the minor unit, cut at midnight Asia/Shanghai", async () => {
    const sale = await sellerWithCourse({
      offers: { learner: { amountMinor: 19900 }, seat: { amountMinor: 15000, minQuantity: 1 } },
    });
    const { seller, sellerFinance, course } = sale;
    const buyer = await buyingInstitution();
    const office = await mustViewer((await createUser({ platformRole: "finance" })).id);

    // One millisecond before November in Shanghai (16:00 UTC on 31 October): October's sale.
    const october = await at("2026-10-31T15:59:59.999Z", () => learnerLine(course.id));
    // Midnight of 1 November in Shanghai: November's.
    const november = await at("2026-10-31T16:00:00.000Z", () => learnerLine(course.id));
    // 5 seats by card on 10 November; 2 refunded on 20 November (a partial refund of the line).
    const seats = await at("2026-11-10T02:00:00Z", async () => {
      const placed = await buyInSandbox(buyer.finance, {
        buyer: buyer.inst.slug,
        lines: [await lineFor(course.id, "seat", 5)],
      });
      await runAllJobs();
      const db = await getDb();
      const [l] = await db
        .select()
        .from(s.orderLines)
        .where(eq(s.orderLines.orderId, placed.orderId));
      return l!;
    });
    await at("2026-11-20T03:00:00Z", async () => {
      await refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: seats.id, seats: 2 });
      await runAllJobs();
    });
    // 3 seats by bank transfer, recorded on 15 November: paid to the seller against its statement.
    await at("2026-11-15T01:00:00Z", async () => {
      const placed = await placeOrder(buyer.finance, {
        buyer: buyer.inst.slug,
        lines: [await lineFor(course.id, "seat", 3)],
        paymentRoute: "bank_transfer",
        locale: "en",
      });
      await recordBankTransfer(office, {
        orderId: placed.orderId,
        reference: `STMT-${placed.orderId}`,
        amount: "450.00",
        currency: "CNY",
      });
    });
    // November's learner line refunded at midnight of 1 December in Shanghai: December's refund.
    await at("2026-11-30T16:00:00Z", async () => {
      await refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: november.id });
      await runAllJobs();
    });
    expect(october.fulfilledAt!.toISOString()).toBe("2026-10-31T15:59:59.999Z");

    const read = (period: string) =>
      getInstitutionStatement(sellerFinance, { institutionSlug: seller.slug, period });
    const oct = await read("2026-10");
    expect(oct.period.start.toISOString()).toBe("2026-09-30T16:00:00.000Z");
    expect(oct.period.end.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(oct.rows).toEqual([
      expect.objectContaining({
        currency: "CNY",
        salesMinor: 19900,
        feesMinor: 1990,
        sharesMinor: 17910,
        refundsMinor: 0,
        netPayoutMinor: 17910,
        connectMinor: 17910,
        bankMinor: 0,
      }),
    ]);
    const nov = await read("2026-11");
    // Sales: 199.00 + 5 × 150.00 + 3 × 150.00; fees 10 % floored per line.
    expect(nov.rows).toEqual([
      expect.objectContaining({
        salesMinor: 19900 + 75000 + 45000,
        feesMinor: 1990 + 7500 + 4500,
        sharesMinor: 17910 + 67500 + 40500,
        refundsMinor: 30000,
        refundFeesMinor: 3000,
        refundSharesMinor: 27000,
        netPayoutMinor: 125910 - 27000,
        connectMinor: 17910 + 67500 - 27000,
        bankMinor: 40500,
        settledMinor: 0,
        outstandingMinor: 40500,
      }),
    ]);
    const dec = await read("2026-12");
    expect(dec.rows).toEqual([
      expect.objectContaining({
        salesMinor: 0,
        refundsMinor: 19900,
        refundFeesMinor: 1990,
        refundSharesMinor: 17910,
        netPayoutMinor: -17910,
        connectMinor: -17910,
        bankMinor: 0,
      }),
    ]);

    // The alliance's view has the same row among all members'.
    const totals = await getAllianceStatements(office, { period: "2026-11" });
    expect(totals.rows.find((r) => r.institutionId === seller.id)).toEqual(nov.rows[0]);
    await expect(getAllianceStatements(sellerFinance, { period: "2026-11" })).rejects.toMatchObject(
      {
        code: "FORBIDDEN",
      },
    );
    await expect(
      getInstitutionStatement(buyer.finance, { institutionSlug: seller.slug, period: "2026-11" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(read("2026-13")).rejects.toMatchObject({
      fields: { period: { code: "invalid_format" } },
    });

    // Settlement: after the month, once per (seller, month, currency), the statement's amount.
    await at("2026-11-30T15:00:00Z", async () => {
      await expect(
        recordSettlement(office, {
          institutionId: seller.id,
          period: "2026-11",
          currency: "CNY",
          reference: "EARLY",
        }),
      ).rejects.toMatchObject({ reason: "period_not_over" });
    });
    await at("2026-12-02T02:00:00Z", async () => {
      await expect(
        recordSettlement(sellerFinance, {
          institutionId: seller.id,
          period: "2026-11",
          currency: "CNY",
          reference: "X",
        }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      const ref = `SETTLE-${seller.id.slice(0, 8)}`;
      const done = await recordSettlement(office, {
        institutionId: seller.id,
        period: "2026-11",
        currency: "CNY",
        reference: ref,
      });
      expect(done.amountMinor).toBe(40500);
      await expect(
        recordSettlement(office, {
          institutionId: seller.id,
          period: "2026-11",
          currency: "CNY",
          reference: `${ref}-2`,
        }),
      ).rejects.toMatchObject({ reason: "already_settled" });
      await expect(
        recordSettlement(office, {
          institutionId: seller.id,
          period: "2026-10",
          currency: "CNY",
          reference: ref,
        }),
      ).rejects.toMatchObject({ reason: "nothing_to_settle" });
      expect((await auditFor(done.settlementId)).map((a) => a.action)).toEqual([
        "statement.settled",
      ]);
    });
    const settled = await read("2026-11");
    expect(settled.rows[0]).toMatchObject({ settledMinor: 40500, outstandingMinor: 0 });

    // CSV: exact decimals, a BOM, CRLF, quoted text.
    const csv = statementCsv(settled.rows, "2026-11", headings, "en");
    const lines = csv.split("\r\n");
    expect(csv.startsWith("\uFEFFInstitution,Period,Currency,Sales,")).toBe(true);
    expect(lines[1]).toBe(
      [
        settled.rows[0]!.nameEn,
        "2026-11",
        "CNY",
        "1399.00",
        "139.90",
        "1259.10",
        "300.00",
        "30.00",
        "270.00",
        "989.10",
        "584.10",
        "405.00",
        "405.00",
        `SETTLE-${seller.id.slice(0, 8)}`,
        "0.00",
      ].join(","),
    );
    expect(statementCsv(dec.rows, "2026-12", headings, "en").split("\r\n")[1]).toContain(
      ",-179.10,",
    );
  });

  it("CSV quoting follows RFC 4180 and defuses spreadsheet formulas", () => {
    expect(
      toCsv([["a,b", 'say "hi"', "line\nbreak", "=SUM(A1)", "-1", 7, { decimal: "-1.50" }]]),
    ).toBe('\uFEFF"a,b","say ""hi""","line\nbreak",\'=SUM(A1),\'-1,7,-1.50\r\n');
  });
});
