import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { startOnboarding, connectStatus } from "@/lib/payments/connect";
import { createUser, addMember, mustViewer } from "../support/fixtures";
import {
  disputeObject,
  event,
  incidentsOf,
  leaveStripe,
  orderState,
  refundObject,
  send,
  sendConnect,
  sessionEvent,
  useStripe,
  waitingOrder,
} from "../support/stripe-events";

let fake: ReturnType<typeof useStripe>;
beforeAll(() => {
  fake = useStripe();
});
afterAll(leaveStripe);

const ok = async (payload: object) => expect((await send(payload)).status).toBe(200);

async function paidOrder() {
  const w = await waitingOrder();
  await ok(sessionEvent("checkout.session.completed", w.facts));
  return w;
}

describe("[STRIPE] refunds tracked by refund id", () => {
  it("a refund matching no request joins the unallocated queue and revokes nothing", async () => {
    const { facts } = await paidOrder();
    const r = refundObject({
      id: "re_dashboard_1",
      paymentIntent: facts.paymentIntent,
      amount: 5000,
      status: "pending",
    });
    await ok(event("refund.created", r));
    await ok(event("refund.updated", { ...r, status: "succeeded" }));
    const st = await orderState(facts.orderId);
    expect(st.refunds).toEqual([
      expect.objectContaining({
        reason: "external",
        allocated: false,
        lineId: null,
        externalId: "re_dashboard_1",
        status: "succeeded",
        amountMinor: 5000,
      }),
    ]);
    expect(st.incidents.map((i) => i.kind)).toEqual(["unallocated_refund"]);
    expect(st.enrolled.map((e) => e.status)).toEqual(["active"]);
    expect(st.paid[0]!.refundedMinor).toBe(5000);
    // charge.refunded only checks the cumulative amount: equal, nothing added, no incident.
    const charge = {
      id: "ch_1",
      object: "charge",
      payment_intent: facts.paymentIntent,
      amount_refunded: 5000,
    };
    await ok(event("charge.refunded", charge));
    expect((await orderState(facts.orderId)).paid[0]!.refundedMinor).toBe(5000);
    await ok(event("charge.refunded", { ...charge, amount_refunded: 7000 }));
    const after = await orderState(facts.orderId);
    expect(after.incidents.map((i) => i.kind).sort()).toEqual(["mismatch", "unallocated_refund"]);
    expect(after.paid[0]!.refundedMinor).toBe(5000);
  });

  it("a refund for a payment we do not know is an incident only", async () => {
    const before = (await incidentsOf("unallocated_refund")).length;
    await ok(
      event(
        "refund.created",
        refundObject({
          id: "re_stray",
          paymentIntent: "pi_stray",
          amount: 10,
          status: "succeeded",
        }),
      ),
    );
    expect(await incidentsOf("unallocated_refund")).toHaveLength(before + 1);
  });

  it("our own refund follows Stripe's status by its metadata, asynchronously", async () => {
    const { facts } = await waitingOrder();
    await ok(sessionEvent("checkout.session.completed", { ...facts, amount: 100 })); // mismatch
    const [ours] = (await orderState(facts.orderId)).refunds;
    const r = refundObject({
      id: "re_wallet_1",
      paymentIntent: facts.paymentIntent,
      amount: 100,
      status: "pending",
      refundId: ours!.id,
    });
    await ok(event("refund.created", r));
    let st = await orderState(facts.orderId);
    expect(st.refunds[0]).toMatchObject({ externalId: "re_wallet_1", status: "pending" });
    await ok(event("refund.updated", { ...r, status: "succeeded" }));
    st = await orderState(facts.orderId);
    expect(st.refunds[0]).toMatchObject({ status: "succeeded", reason: "mismatch" });
    expect(st.paid[0]!.refundedMinor).toBe(100);
  });
});

describe("[STRIPE] disputes", () => {
  it("a dispute suspends a fulfilled order's enrolment; lost revokes it and records the loss", async () => {
    const { facts } = await paidOrder();
    const d = disputeObject({
      id: "dp_lost",
      paymentIntent: facts.paymentIntent,
      amount: 19900,
      status: "needs_response",
    });
    await ok(event("charge.dispute.created", d));
    let st = await orderState(facts.orderId);
    expect(st.enrolled.map((e) => e.status)).toEqual(["suspended"]);
    await ok(event("charge.dispute.closed", { ...d, status: "lost" }));
    await ok(event("charge.dispute.closed", { ...d, status: "lost" }));
    st = await orderState(facts.orderId);
    expect(st.enrolled.map((e) => e.status)).toEqual(["revoked"]);
    expect(st.refunds).toEqual([
      expect.objectContaining({ reason: "dispute_lost", status: "succeeded", amountMinor: 19900 }),
    ]);
    expect(st.paid[0]!.refundedMinor).toBe(19900);
  });

  it("a dispute closed before its `created` event arrives is still applied, once", async () => {
    const { facts } = await paidOrder();
    const d = disputeObject({
      id: "dp_closed_first",
      paymentIntent: facts.paymentIntent,
      amount: 19900,
      status: "lost",
    });
    await ok(event("charge.dispute.closed", d));
    await ok(event("charge.dispute.created", { ...d, status: "needs_response" }));
    const st = await orderState(facts.orderId);
    expect(st.enrolled.map((e) => e.status)).toEqual(["revoked"]);
    expect(st.refunds).toEqual([
      expect.objectContaining({ reason: "dispute_lost", status: "succeeded", amountMinor: 19900 }),
    ]);
  });

  it("a won dispute lifts the suspension", async () => {
    const { facts } = await paidOrder();
    const d = disputeObject({
      id: "dp_won",
      paymentIntent: facts.paymentIntent,
      amount: 19900,
      status: "needs_response",
    });
    await ok(event("charge.dispute.created", d));
    expect((await orderState(facts.orderId)).enrolled.map((e) => e.status)).toEqual(["suspended"]);
    await ok(event("charge.dispute.closed", { ...d, status: "won" }));
    const st = await orderState(facts.orderId);
    expect(st.enrolled.map((e) => e.status)).toEqual(["active"]);
    expect(st.refunds).toEqual([]);
  });

  it("a held order whose dispute is won is fulfilled then", async () => {
    const { facts } = await waitingOrder();
    const d = disputeObject({
      id: "dp_early",
      paymentIntent: facts.paymentIntent,
      amount: 19900,
      status: "needs_response",
    });
    await ok(event("charge.dispute.created", d));
    await ok(sessionEvent("checkout.session.completed", facts));
    expect((await orderState(facts.orderId)).order.status).toBe("held");
    await ok(event("charge.dispute.closed", { ...d, status: "won" }));
    const st = await orderState(facts.orderId);
    expect(st.order.status).toBe("paid");
    expect(st.enrolled.map((e) => e.status)).toEqual(["active"]);
  });
});

describe("[STRIPE] Connect onboarding", () => {
  it("finance starts onboarding once; account.updated records what Stripe allows", async () => {
    const { seller, sellerFinance } = await waitingOrder();
    const url = await startOnboarding(sellerFinance, seller.slug, "en");
    expect(url).toMatch(/^https:\/\/connect\.stripe\.test\/setup\//);
    const created = fake.last("/v1/accounts");
    expect(created.headers.get("idempotency-key")).toBe(`connect-account:${seller.id}`);
    expect(created.form.get("metadata[institution_id]")).toBe(seller.id);
    const link = fake.last("/v1/account_links");
    expect(link.form.get("return_url")).toBe(
      `http://exchange.test/en/institution/${seller.slug}/payouts?returned=1`,
    );
    await startOnboarding(sellerFinance, seller.slug, "en");
    expect(fake.calls.filter((c) => c.path === "/v1/accounts")).toHaveLength(1);
    const db = await getDb();
    const [row] = await db
      .select()
      .from(s.paymentAccounts)
      .where(eq(s.paymentAccounts.institutionId, seller.id));
    const account = {
      id: row!.stripeAccountId,
      object: "account",
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
    };
    expect((await sendConnect(event("account.updated", account))).status).toBe(200);
    const { status } = await connectStatus(sellerFinance, seller.slug);
    expect(status).toMatchObject({
      mode: "stripe",
      chargesEnabled: true,
      payoutsEnabled: true,
      onboarded: true,
    });
    // The platform endpoint does not act on Connect events (its whitelist), nor does the
    // Connect endpoint take a body signed with the platform endpoint's secret.
    expect(await (await send(event("account.updated", account))).json()).toMatchObject({
      ignored: true,
    });
    const { delivery } = await import("../support/stripe-events");
    const { POST } = await import("@/app/api/webhooks/stripe/connect/route");
    expect((await POST(delivery(event("account.updated", account)))).status).toBe(400);
    const editor = await mustViewer((await createUser()).id);
    await addMember(seller.id, editor.userId, "editor");
    await expect(
      startOnboarding(await mustViewer(editor.userId), seller.slug, "en"),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("[STRIPE] Connect with the sandbox", () => {
  it("every member counts as onboarded, and there is nothing to start", async () => {
    leaveStripe();
    try {
      const { seller, sellerFinance } = await waitingOrder();
      const { status } = await connectStatus(sellerFinance, seller.slug);
      expect(status).toMatchObject({ mode: "sandbox", onboarded: true, accountId: null });
      await expect(startOnboarding(sellerFinance, seller.slug, "en")).rejects.toMatchObject({
        reason: "sandbox_payments",
      });
    } finally {
      fake = useStripe();
    }
  });
});
