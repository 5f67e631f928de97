import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { idle } from "@/lib/form-state";
import { recordBankTransferAction, refundLineAction } from "@/lib/commerce/finance-actions";
import { placeOrder } from "@/lib/commerce/checkout";
import { buyingInstitution, lineFor, sellerWithCourse } from "../support/commerce-fixtures";
import { boughtSeats } from "../support/finance-fixtures";
import { createUser, mustViewer } from "../support/fixtures";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "sign in");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

beforeAll(async () => {
  await getDb();
});

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("[FINANCE] form actions", () => {
  it("refund: a form, field errors as state, the amount on success", async () => {
    const { seller, sellerFinance, line } = await boughtSeats(4);
    session.viewer = sellerFinance;
    expect(await refundLineAction(idle, "not a form" as unknown as FormData)).toMatchObject({
      reason: "not_a_form",
    });
    const base = { institutionSlug: seller.slug, lineId: line.id };
    expect(await refundLineAction(idle, form({ ...base, seats: "1.5" }))).toMatchObject({
      status: "error",
      fields: { seats: { code: "invalid" } },
    });
    expect(await refundLineAction(idle, form({ ...base, seats: "9" }))).toMatchObject({
      status: "error",
      reason: "not_enough_unused_seats",
    });
    expect(await refundLineAction(idle, form({ ...base, seats: "", reason: "" }))).toMatchObject({
      status: "ok",
      params: { amountMinor: 60000, seats: 4 },
    });
  });

  it("bank transfer: the outcome comes back for the office's message", async () => {
    const { course } = await sellerWithCourse({
      offers: { seat: { amountMinor: 15000, minQuantity: 1 } },
    });
    const buyer = await buyingInstitution();
    const placed = await placeOrder(buyer.finance, {
      buyer: buyer.inst.slug,
      lines: [await lineFor(course.id, "seat", 2)],
      paymentRoute: "bank_transfer",
      locale: "en",
    });
    session.viewer = await mustViewer((await createUser({ platformRole: "finance" })).id);
    const fields = {
      orderId: placed.orderId,
      reference: `A-${placed.orderId}`,
      amount: "300.00",
      currency: "CNY",
    };
    expect(await recordBankTransferAction(idle, form({ ...fields, amount: "3,00" }))).toMatchObject(
      { status: "error", fields: { amount: { code: "invalid_format" } } },
    );
    expect(await recordBankTransferAction(idle, form(fields))).toMatchObject({
      status: "ok",
      values: { outcome: "fulfilled" },
    });
    expect(await recordBankTransferAction(idle, form(fields))).toMatchObject({
      values: { outcome: "already_recorded" },
    });
  });
});
