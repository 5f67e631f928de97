import Stripe from "stripe";
import { getEnv } from "@/lib/env";
import { now } from "@/lib/clock";

/**
 * The only importer of `stripe`. One client per process, made from STRIPE_SECRET_KEY with a
 * pinned API version (the one this SDK's types describe, so a Dashboard upgrade of the account
 * changes nothing here) and network retries: every call we make carries an idempotency key, so
 * a retried request is answered with the first result.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

type HttpClient = NonNullable<ConstructorParameters<typeof Stripe>[1]>["httpClient"];

let client: Stripe | undefined;
let testHttpClient: HttpClient | undefined;

export function getStripe(): Stripe {
  if (client) return client;
  const key = getEnv().STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set");
  client = new Stripe(key, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    typescript: true,
    ...(testHttpClient ? { httpClient: testHttpClient } : {}),
  });
  return client;
}

/**
 * Tests route every request through `fetch` (a recording fake): no socket is opened. Passing
 * nothing goes back to the SDK's own client. Either way the next `getStripe()` builds afresh.
 */
export function setStripeHttpClientForTests(fetchFn?: typeof fetch): void {
  testHttpClient = fetchFn ? Stripe.createFetchHttpClient(fetchFn) : undefined;
  client = undefined;
}

export type StripeEvent = Stripe.Event;
export type StripeCheckoutSession = Stripe.Checkout.Session;
export type StripeRefund = Stripe.Refund;
export type StripeCharge = Stripe.Charge;
export type StripeDispute = Stripe.Dispute;
export type StripeAccount = Stripe.Account;
export type CheckoutSessionParams = Stripe.Checkout.SessionCreateParams;

/**
 * Verify a webhook's signature over the raw body and parse it. Throws a `WebhookSignatureError`
 * for a missing, forged or expired signature — told apart by the SDK error's `type`, never its
 * class name, which a production bundle minifies. The tolerance is Stripe's 5 minutes, measured
 * on our clock.
 */
export class WebhookSignatureError extends Error {
  readonly code = "bad_signature";
}

export function constructEvent(
  rawBody: string,
  signature: string | null,
  secret: string,
): Stripe.Event {
  try {
    return Stripe.webhooks.constructEvent(
      rawBody,
      signature ?? "",
      secret,
      undefined,
      undefined,
      now().getTime(),
    ) as Stripe.Event;
  } catch (e) {
    if ((e as { type?: string }).type === "StripeSignatureVerificationError") {
      throw new WebhookSignatureError((e as Error).message.split("\n")[0]);
    }
    throw e;
  }
}

/** Sign a payload as Stripe does (tests and local tools: no network). */
export function signTestPayload(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
