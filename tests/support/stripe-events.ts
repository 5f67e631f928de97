import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { POST as paymentsRoute } from "@/app/api/webhooks/stripe/route";
import { POST as connectRoute } from "@/app/api/webhooks/stripe/connect/route";
import { resetEnvCache } from "@/lib/env";
import { resetPaymentProvider } from "@/lib/payments";
import { setStripeHttpClientForTests, signTestPayload } from "@/lib/payments/stripe-client";
import { createStripeFake } from "./stripe-fake";

export const WEBHOOK_SECRET = "whsec_replay_test_secret";
export const CONNECT_SECRET = "whsec_connect_test_secret";

/** Stripe mode for this file: keys set, the provider rebuilt, every API call to a fake. */
export function useStripe(answers: Parameters<typeof createStripeFake>[0] = {}) {
  process.env.STRIPE_SECRET_KEY = "sk_test_x";
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.STRIPE_CONNECT_WEBHOOK_SECRET = CONNECT_SECRET;
  resetEnvCache();
  resetPaymentProvider();
  const fake = createStripeFake(answers);
  setStripeHttpClientForTests(fake.fakeFetch);
  return fake;
}

export type SessionFacts = {
  sessionId: string; // cs_…
  orderId: string;
  paymentIntent: string;
  amount: number;
  currency: string; // lower case, as Stripe sends it
  paymentStatus?: "paid" | "unpaid";
};

export function event<T extends { id: string }>(
  type: string,
  object: T,
  id = `evt_${randomUUID()}`,
) {
  return {
    id,
    object: "event",
    type,
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object },
  };
}

export function sessionObject(f: SessionFacts) {
  return {
    id: f.sessionId,
    object: "checkout.session",
    mode: "payment",
    payment_status: f.paymentStatus ?? "paid",
    payment_intent: f.paymentIntent,
    amount_total: f.amount,
    currency: f.currency,
    client_reference_id: f.orderId,
    metadata: { order_id: f.orderId },
  };
}

export const sessionEvent = (type: string, f: SessionFacts, id?: string) =>
  event(type, sessionObject(f), id);

export const refundObject = (r: {
  id: string;
  paymentIntent: string;
  amount: number;
  status: string;
  refundId?: string;
}) => ({
  id: r.id,
  object: "refund",
  payment_intent: r.paymentIntent,
  amount: r.amount,
  currency: "cny",
  status: r.status,
  metadata: r.refundId ? { refund_id: r.refundId } : {},
});

export const disputeObject = (d: {
  id: string;
  paymentIntent: string;
  amount: number;
  status: string;
}) => ({
  id: d.id,
  object: "dispute",
  payment_intent: d.paymentIntent,
  charge: `ch_${d.paymentIntent}`,
  amount: d.amount,
  currency: "cny",
  status: d.status,
});

export type Forgery = "wrong_secret" | "tampered" | "expired" | "missing";

/** A delivery as Stripe would send it (or a forgery of one). */
export function delivery(payload: object, forgery?: Forgery, secret = WEBHOOK_SECRET): Request {
  const body = JSON.stringify(payload);
  let sig: string | null;
  if (forgery === "wrong_secret") sig = signTestPayload(body, "whsec_not_ours");
  else if (forgery === "expired") {
    sig = signTestPayload(body, secret, Math.floor(Date.now() / 1000) - 600);
  } else sig = signTestPayload(body, secret);
  const sent =
    forgery === "tampered" ? body.replace(/"amount_total":(\d+)/, '"amount_total":1$1') : body;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (forgery !== "missing" && sig) headers["stripe-signature"] = sig;
  return new Request("http://exchange.test/api/webhooks/stripe", {
    method: "POST",
    headers,
    body: sent,
  });
}

export async function send(payload: object, forgery?: Forgery): Promise<Response> {
  return paymentsRoute(delivery(payload, forgery));
}

export async function sendConnect(payload: object): Promise<Response> {
  return connectRoute(delivery(payload, undefined, CONNECT_SECRET));
}

/** Give orders' open sessions a Stripe id, as `startPayment` would have (no HTTP at all). */
export async function giveSessionsStripeIds(orderIds: string[]): Promise<Map<string, string>> {
  const db = await getDb();
  const rows = await db
    .update(s.paymentSessions)
    .set({
      externalId: sql`'cs_test_' || ${s.paymentSessions.id}`,
      url: sql`'https://checkout.stripe.test/' || ${s.paymentSessions.id}`,
    })
    .where(inArray(s.paymentSessions.orderId, orderIds))
    .returning({ orderId: s.paymentSessions.orderId, externalId: s.paymentSessions.externalId });
  return new Map(rows.map((r) => [r.orderId, r.externalId!]));
}

/** Many verified learners at once (one insert), as viewers. */
export async function manyLearners(n: number) {
  const { PASSWORD } = await import("./fixtures");
  const { hashPassword } = await import("@/lib/auth/password");
  const { loadViewer } = await import("@/lib/auth/load-principal");
  const db = await getDb();
  const hash = await hashPassword(PASSWORD);
  const users = await db
    .insert(s.users)
    .values(
      Array.from({ length: n }, () => ({
        email: `buyer-${randomUUID()}@example.test`,
        name: "Replay Buyer",
        passwordHash: hash,
        locale: "en",
        emailVerifiedAt: sql`now()`,
      })),
    )
    .returning({ id: s.users.id, sv: s.users.sessionVersion });
  return Promise.all(users.map(async (u) => (await loadViewer(db, u.id, u.sv))!));
}

export async function orderState(orderId: string) {
  const db = await getDb();
  const [order] = await db.select().from(s.orders).where(eq(s.orders.id, orderId));
  const lines = await db.select().from(s.orderLines).where(eq(s.orderLines.orderId, orderId));
  const ids = lines.map((l) => l.id);
  const enrolled = ids.length
    ? await db.select().from(s.enrolments).where(inArray(s.enrolments.orderLineId, ids))
    : [];
  const licensed = ids.length
    ? await db.select().from(s.licences).where(inArray(s.licences.orderLineId, ids))
    : [];
  const paid = await db.select().from(s.payments).where(eq(s.payments.orderId, orderId));
  const refunds = await db.select().from(s.refunds).where(eq(s.refunds.orderId, orderId));
  const incidents = await db
    .select()
    .from(s.paymentIncidents)
    .where(eq(s.paymentIncidents.orderId, orderId));
  return { order: order!, lines, enrolled, licensed, paid, refunds, incidents };
}

/** Shuffle in place (Fisher–Yates) with a seeded generator, so a failure can be replayed. */
export function shuffle<T>(items: T[], seed: number): T[] {
  let x = seed || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Leave Stripe mode (the other files run on the sandbox). */
export function leaveStripe() {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_CONNECT_WEBHOOK_SECRET;
  resetEnvCache();
  resetPaymentProvider();
  setStripeHttpClientForTests();
}

/** A learner's order for one course, waiting on a Stripe session with a `cs_test_…` id. */
export async function waitingOrder() {
  const { sellerWithCourse, learner, lineFor } = await import("./commerce-fixtures");
  const { placeOrder } = await import("@/lib/commerce/checkout");
  const seller = await sellerWithCourse();
  const me = await learner();
  const placed = await placeOrder(me, {
    buyer: "self",
    lines: [await lineFor(seller.course.id, "learner")],
    locale: "en",
  });
  const sessions = await giveSessionsStripeIds([placed.orderId]);
  const facts: SessionFacts = {
    sessionId: sessions.get(placed.orderId)!,
    orderId: placed.orderId,
    paymentIntent: `pi_${randomUUID().slice(0, 12)}`,
    amount: 19900,
    currency: "cny",
  };
  return { ...seller, me, facts };
}

export async function incidentsOf(kind: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.paymentIncidents)
    .where(sql`${s.paymentIncidents.kind} = ${kind}`);
}
