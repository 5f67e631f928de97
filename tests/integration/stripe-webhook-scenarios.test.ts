import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { placeOrder } from "@/lib/commerce/checkout";
import { startPayment } from "@/lib/commerce/pay";
import { archiveResource } from "@/lib/catalogue/lifecycle";
import { checkHealth } from "@/lib/health";
import { learner, lineFor, runAllJobs, sellerWithCourse } from "../support/commerce-fixtures";
import {
  event,
  incidentsOf,
  leaveStripe,
  orderState,
  refundObject,
  send,
  sessionEvent,
  useStripe,
  waitingOrder,
} from "../support/stripe-events";

let fake: ReturnType<typeof useStripe>;
beforeAll(() => {
  // A destination charge answers with the transfer Stripe already made to the seller.
  fake = useStripe({
    "/v1/charges/": (r) => ({
      id: r.path.split("/").at(-1),
      object: "charge",
      transfer: "tr_made_with_charge",
      transfer_data: { destination: "acct_connected_seller" },
    }),
  });
});
afterAll(leaveStripe);

const ok = async (payload: object) => expect((await send(payload)).status).toBe(200);

describe("[STRIPE] payment events, each with its stated outcome", () => {
  it("`completed` unpaid, then `async_payment_succeeded`: fulfilled once, on the second", async () => {
    const { facts } = await waitingOrder();
    await ok(sessionEvent("checkout.session.completed", { ...facts, paymentStatus: "unpaid" }));
    let st = await orderState(facts.orderId);
    expect(st.order.status).toBe("pending");
    expect(st.enrolled).toEqual([]);
    const paid = sessionEvent("checkout.session.async_payment_succeeded", facts);
    await ok(paid);
    await ok(paid);
    st = await orderState(facts.orderId);
    expect(st.order.status).toBe("paid");
    expect(st.enrolled).toHaveLength(1);
    expect(st.paid).toEqual([
      expect.objectContaining({
        externalId: facts.paymentIntent,
        amountMinor: 19900,
        currency: "CNY",
      }),
    ]);
  });

  it("`expired` after `completed`: the order stays paid and fulfilled", async () => {
    const { facts } = await waitingOrder();
    await ok(sessionEvent("checkout.session.completed", facts));
    await ok(sessionEvent("checkout.session.expired", facts));
    const st = await orderState(facts.orderId);
    expect(st.order.status).toBe("paid");
    expect(st.enrolled.map((e) => e.status)).toEqual(["active"]);
  });

  it("`async_payment_failed` releases the order's places", async () => {
    const { facts } = await waitingOrder();
    await ok(sessionEvent("checkout.session.async_payment_failed", facts));
    const st = await orderState(facts.orderId);
    expect(st.order.status).toBe("failed");
    expect(st.lines.map((l) => l.state)).toEqual(["released"]);
  });

  it("a dispute before fulfilment: not fulfilled, held, an incident for finance", async () => {
    const { facts } = await waitingOrder();
    const dispute = {
      id: `dp_${facts.orderId}`,
      object: "dispute",
      payment_intent: facts.paymentIntent,
    };
    await ok(
      event("charge.dispute.created", {
        ...dispute,
        amount: 19900,
        currency: "cny",
        status: "needs_response",
      }),
    );
    await ok(sessionEvent("checkout.session.completed", facts));
    const st = await orderState(facts.orderId);
    expect(st.order.status).toBe("held");
    expect(st.enrolled).toEqual([]);
    expect(st.incidents.map((i) => i.kind)).toContain("dispute_before_fulfilment");
  });

  it("an amount or a currency that does not match: not fulfilled, flagged, refunded", async () => {
    for (const wrong of [{ amount: 100 }, { currency: "usd" }]) {
      const { facts } = await waitingOrder();
      await ok(sessionEvent("checkout.session.completed", { ...facts, ...wrong }));
      const st = await orderState(facts.orderId);
      expect(st.order.status).toBe("pending");
      expect(st.enrolled).toEqual([]);
      expect(st.incidents.map((i) => i.kind)).toEqual(["mismatch"]);
      expect(st.refunds).toEqual([expect.objectContaining({ reason: "mismatch", lineId: null })]);
      expect(st.paid[0]!.surplusReason).toBe("mismatch");
    }
  });

  it("two paid sessions for one order: one fulfilment, the second payment refunded", async () => {
    const { facts } = await waitingOrder();
    await ok(sessionEvent("checkout.session.completed", facts));
    const second = {
      ...facts,
      sessionId: "cs_test_second_tab",
      paymentIntent: `${facts.paymentIntent}_2`,
    };
    await ok(sessionEvent("checkout.session.completed", second));
    const st = await orderState(facts.orderId);
    expect(st.enrolled).toHaveLength(1);
    expect(st.paid).toHaveLength(2);
    expect(st.refunds).toEqual([
      expect.objectContaining({ reason: "duplicate_payment", amountMinor: 19900, lineId: null }),
    ]);
    await runAllJobs();
    const key = `refund:${st.refunds[0]!.id}`;
    const asked = fake.calls.filter((c) => c.headers.get("idempotency-key") === key);
    expect(asked.map((c) => c.form.get("payment_intent"))).toEqual([second.paymentIntent]);
  });

  it("an event for an unknown order is recorded as an incident and answered 200", async () => {
    const before = (await incidentsOf("unknown_order")).length;
    const facts = {
      sessionId: "cs_test_nobody",
      orderId: "00000000-0000-4000-8000-000000000000",
      paymentIntent: "pi_nobody",
      amount: 500,
      currency: "cny",
    };
    await ok(sessionEvent("checkout.session.completed", facts));
    expect(await incidentsOf("unknown_order")).toHaveLength(before + 1);
  });

  it("refuses bad signatures (nothing recorded), ignores other types, retries failures", async () => {
    const db = await getDb();
    const { facts } = await waitingOrder();
    const completed = sessionEvent("checkout.session.completed", facts);
    for (const forgery of ["wrong_secret", "tampered", "expired", "missing"] as const) {
      const res = await send(completed, forgery);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("BAD_SIGNATURE");
    }
    const ignored = event("customer.created", { id: "cus_1" });
    expect(await (await send(ignored)).json()).toEqual({ received: true, ignored: true });
    const broken = sessionEvent("checkout.session.completed", { ...facts, amount: 1.5 });
    const silence = console.error;
    console.error = () => {};
    const failed = await send(broken).finally(() => (console.error = silence));
    expect(failed.status).toBe(500);
    for (const id of [completed.id, ignored.id, broken.id]) {
      const seen = await db
        .select()
        .from(s.processedEvents)
        .where(eq(s.processedEvents.eventId, id));
      expect(seen).toEqual([]);
    }
    expect((await orderState(facts.orderId)).order.status).toBe("pending");
    await ok(completed);
    expect((await orderState(facts.orderId)).enrolled).toHaveLength(1);
  });
});

describe("[STRIPE] checkout, transfers and health in Stripe mode", () => {
  it("startPayment opens a Checkout Session through the SDK and stores its id", async () => {
    const { course } = await sellerWithCourse();
    const me = await learner();
    const placed = await placeOrder(me, {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
      locale: "zh-CN",
    });
    const url = await startPayment(me, { orderId: placed.orderId });
    const r = fake.last("/v1/checkout/sessions");
    const sessionId = r.form.get("metadata[session_id]")!;
    expect(url).toBe(`https://checkout.stripe.test/c/pay/cs_test_${sessionId}`);
    expect(r.form.get("line_items[0][price_data][product_data][name]")).toBe("管理会计学");
    expect(r.form.get("payment_intent_data[transfer_group]")).toBe(`order_${placed.orderId}`);
    const [row] = await (
      await getDb()
    )
      .select()
      .from(s.paymentSessions)
      .where(eq(s.paymentSessions.orderId, placed.orderId));
    expect(row!.externalId).toBe(`cs_test_${sessionId}`);
    expect(await startPayment(me, { orderId: placed.orderId })).toBe(url);
  });

  it("a destination charge's transfer is recorded, not made twice", async () => {
    const { facts, seller } = await waitingOrder();
    const db = await getDb();
    await db.insert(s.paymentAccounts).values({
      institutionId: seller.id,
      stripeAccountId: "acct_connected_seller",
      chargesEnabled: true,
    });
    await ok(sessionEvent("checkout.session.completed", facts));
    const transfersBefore = fake.calls.filter((c) => c.path === "/v1/transfers").length;
    await runAllJobs();
    const [t] = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, facts.orderId));
    expect(t).toMatchObject({
      status: "sent",
      externalId: "tr_made_with_charge",
      amountMinor: 17910,
    });
    expect(fake.calls.filter((c) => c.path === "/v1/transfers")).toHaveLength(transfersBefore);
    const [p] = await db.select().from(s.payments).where(eq(s.payments.orderId, facts.orderId));
    expect(p!.chargeId).toMatch(/^ch_test_/);
  });

  it("a destination charge for a line that could not be provided: refunded, share reversed", async () => {
    const { facts, seller, course, editor } = await waitingOrder();
    const db = await getDb();
    // The fake's charges name one connected account: it moves to this test's seller.
    await db
      .delete(s.paymentAccounts)
      .where(eq(s.paymentAccounts.stripeAccountId, "acct_connected_seller"));
    await db.insert(s.paymentAccounts).values({
      institutionId: seller.id,
      stripeAccountId: "acct_connected_seller",
      chargesEnabled: true,
    });
    // Withdrawn after checkout: the money arrives for a line that can no longer be provided.
    await archiveResource({ type: "user", viewer: editor }, course.id);
    await ok(sessionEvent("checkout.session.completed", facts));
    await runAllJobs();
    const [asked] = await db.select().from(s.refunds).where(eq(s.refunds.orderId, facts.orderId));
    await ok(
      event(
        "refund.updated",
        refundObject({
          id: asked!.externalId!,
          paymentIntent: facts.paymentIntent,
          amount: 19900,
          status: "succeeded",
          refundId: asked!.id,
        }),
      ),
    );
    await runAllJobs();
    const [t] = await db
      .select()
      .from(s.sellerTransfers)
      .where(eq(s.sellerTransfers.orderId, facts.orderId));
    // Stripe moved the share with the charge, so the refund takes exactly that share back.
    expect(t).toMatchObject({
      amountMinor: 17910,
      reversedMinor: 17910,
      externalId: "tr_made_with_charge",
    });
    const reversals = fake.calls.filter(
      (c) => c.path === "/v1/transfers/tr_made_with_charge/reversals",
    );
    expect(reversals.map((c) => c.form.get("amount"))).toEqual(["17910"]);
    const [refund] = await db.select().from(s.refunds).where(eq(s.refunds.orderId, facts.orderId));
    expect(refund).toMatchObject({
      reason: "unfulfillable",
      amountMinor: 19900,
      shareMinor: 17910,
    });
  });

  it("/api/health says payments are taken by Stripe", async () => {
    expect(await checkHealth()).toMatchObject({ status: "ok", payments: "stripe" });
  });
});
