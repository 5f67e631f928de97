import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { createStripeFake } from "@/tests/support/stripe-fake";
import type { CheckoutLine, CheckoutRequest } from "./provider";
import { createStripeProvider, paymentMethodsFor, refundStatus, sessionExpiresAt } from "./stripe";
import { setStripeHttpClientForTests, STRIPE_API_VERSION } from "./stripe-client";

const NOW = new Date("2026-11-30T08:00:00Z");
let fake = createStripeFake();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
  process.env.STRIPE_SECRET_KEY = "sk_test_params";
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_params";
  resetEnvCache();
  fake = createStripeFake();
  setStripeHttpClientForTests(fake.fakeFetch);
});

afterAll(() => {
  vi.useRealTimers();
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  resetEnvCache();
  setStripeHttpClientForTests();
});

const line = (over: Partial<CheckoutLine> = {}): CheckoutLine => ({
  lineId: "l1",
  titleZh: "数据分析导论",
  titleEn: "Introduction to data analysis",
  unitAmountMinor: 15000,
  quantity: 3,
  amountMinor: 45000,
  feeMinor: 4500,
  shareMinor: 40500,
  sellerInstitutionId: "inst-a",
  sellerAccountId: "acct_seller_a",
  ...over,
});

const request = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => ({
  sessionId: "6f1c2d3e-0000-4000-8000-000000000001",
  orderId: "0a0b0c0d-0000-4000-8000-000000000002",
  currency: "CNY",
  totalMinor: 45000,
  feeMinor: 4500,
  expiresAt: new Date(NOW.getTime() + 45 * 60_000),
  locale: "zh-CN",
  customerEmail: "buyer@example.test",
  lines: [line()],
  successUrl: "http://exchange.test/zh-CN/orders/x?paid=1",
  cancelUrl: "http://exchange.test/zh-CN/orders/x?cancelled=1",
  ...over,
});

describe("[STRIPE] parameters sent through the SDK's HTTP client", () => {
  it("a one-seller Checkout Session: a destination charge keeping the fee", async () => {
    const req = request();
    const out = await createStripeProvider().createCheckout(req);
    expect(out.externalId).toBe(`cs_test_${req.sessionId}`);
    const r = fake.last("/v1/checkout/sessions");
    expect(r.method).toBe("POST");
    expect(r.headers.get("idempotency-key")).toBe(`checkout:${req.sessionId}`);
    expect(r.headers.get("stripe-version")).toBe(STRIPE_API_VERSION);
    expect(Object.fromEntries(r.form)).toEqual({
      mode: "payment",
      "line_items[0][quantity]": "3",
      "line_items[0][price_data][currency]": "cny",
      "line_items[0][price_data][unit_amount]": "15000",
      "line_items[0][price_data][product_data][name]": "数据分析导论",
      "allowed_payment_method_types[0]": "card",
      "allowed_payment_method_types[1]": "alipay",
      "allowed_payment_method_types[2]": "wechat_pay",
      "payment_method_options[wechat_pay][client]": "web",
      expires_at: String(Math.floor(req.expiresAt.getTime() / 1000)),
      customer_email: "buyer@example.test",
      client_reference_id: req.orderId,
      locale: "zh",
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
      "metadata[order_id]": req.orderId,
      "metadata[session_id]": req.sessionId,
      "payment_intent_data[metadata][order_id]": req.orderId,
      "payment_intent_data[metadata][session_id]": req.sessionId,
      "payment_intent_data[application_fee_amount]": "4500",
      "payment_intent_data[transfer_data][destination]": "acct_seller_a",
    });
  });

  it("several sellers: separate charges and transfers under one transfer group", async () => {
    const req = request({
      locale: "en",
      currency: "CNY",
      lines: [
        line(),
        line({ lineId: "l2", sellerInstitutionId: "inst-b", sellerAccountId: null, quantity: 1 }),
      ],
    });
    await createStripeProvider().createCheckout(req);
    const form = fake.last("/v1/checkout/sessions").form;
    expect(form.get("payment_intent_data[transfer_group]")).toBe(`order_${req.orderId}`);
    expect(form.has("payment_intent_data[application_fee_amount]")).toBe(false);
    expect(form.has("payment_intent_data[transfer_data][destination]")).toBe(false);
    expect(form.get("line_items[1][price_data][product_data][name]")).toBe(
      "Introduction to data analysis",
    );
  });

  it("a seller without Connect is charged by the platform (no destination, one group)", async () => {
    await createStripeProvider().createCheckout(
      request({ lines: [line({ sellerAccountId: null })] }),
    );
    const form = fake.last("/v1/checkout/sessions").form;
    expect(form.has("payment_intent_data[transfer_data][destination]")).toBe(false);
    expect(form.get("payment_intent_data[transfer_group]")).toMatch(/^order_/);
  });

  it("wallets follow the currency; a hold shorter than Stripe's minimum is lengthened", () => {
    expect(paymentMethodsFor("CNY")).toEqual(["card", "alipay", "wechat_pay"]);
    expect(paymentMethodsFor("MYR")).toEqual(["card", "alipay"]);
    expect(paymentMethodsFor("CHF")).toEqual(["card", "wechat_pay"]);
    expect(paymentMethodsFor("KWD")).toEqual(["card"]);
    const soon = new Date(NOW.getTime() + 20 * 60_000);
    const at = sessionExpiresAt(soon, NOW);
    expect(at - NOW.getTime() / 1000).toBeGreaterThanOrEqual(31 * 60);
    expect(at % 60).toBe(0);
  });

  it("a refund names the PaymentIntent, the amount and our refund id, keyed by it", async () => {
    const out = await createStripeProvider().refund({
      refundId: "ref-1",
      paymentExternalId: "pi_123",
      chargeId: null,
      amountMinor: 1234,
      currency: "CNY",
    });
    expect(out.status).toBe("pending");
    const r = fake.last("/v1/refunds");
    expect(r.headers.get("idempotency-key")).toBe("refund:ref-1");
    expect(Object.fromEntries(r.form)).toEqual({
      payment_intent: "pi_123",
      amount: "1234",
      "metadata[refund_id]": "ref-1",
    });
    expect(["pending", "requires_action"].map(refundStatus)).toEqual(["pending", "pending"]);
    expect(["failed", "canceled", "succeeded"].map(refundStatus)).toEqual([
      "failed",
      "failed",
      "succeeded",
    ]);
  });

  it("a transfer comes from its charge (source_transaction) in the charge currency", async () => {
    await createStripeProvider().transfer({
      transferId: "tr-row-1",
      orderId: "order-1",
      destinationAccountId: "acct_seller_b",
      amountMinor: 40500,
      currency: "CNY",
      chargeId: "ch_987",
    });
    const r = fake.last("/v1/transfers");
    expect(r.headers.get("idempotency-key")).toBe("transfer:tr-row-1");
    expect(Object.fromEntries(r.form)).toEqual({
      amount: "40500",
      currency: "cny",
      destination: "acct_seller_b",
      source_transaction: "ch_987",
      transfer_group: "order_order-1",
      "metadata[order_id]": "order-1",
      "metadata[transfer_id]": "tr-row-1",
    });
  });

  it("a refund's share comes back by an explicit reversal of that exact amount", async () => {
    await createStripeProvider().reverseTransfer({
      refundId: "ref-2",
      transferExternalId: "tr_abc",
      amountMinor: 8100,
    });
    const r = fake.last("/v1/transfers/tr_abc/reversals");
    expect(r.method).toBe("POST");
    expect(r.headers.get("idempotency-key")).toBe("reversal:ref-2");
    expect(Object.fromEntries(r.form)).toEqual({ amount: "8100", "metadata[refund_id]": "ref-2" });
  });
});
