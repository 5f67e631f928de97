import { now } from "@/lib/clock";
import type { PaymentProvider, ProcessorStatus, CheckoutRequest } from "./provider";
import { getStripe, type CheckoutSessionParams } from "./stripe-client";

/**
 * Wallets Checkout may offer besides cards, by the order's currency (ISO 4217, upper case).
 * Sources: docs.stripe.com/payments/alipay ("Presentment currency: CNY, AUD, CAD, EUR, GBP, HKD,
 * JPY, SGD, MYR, NZD, USD, depending on business locations") and
 * docs.stripe.com/payments/wechat-pay/accept-a-payment?payment-ui=checkout ("Supported
 * currencies: aud, cad, cny, eur, gbp, hkd, jpy, sgd, usd, dkk, nok, sek, chf"). Whether the
 * platform account may use a wallet at all is its Dashboard setting; Checkout hides a method the
 * account cannot take, but refuses a currency the method never takes, hence this table.
 */
export const WALLET_CURRENCIES: Record<"alipay" | "wechat_pay", ReadonlySet<string>> = {
  alipay: new Set(["CNY", "AUD", "CAD", "EUR", "GBP", "HKD", "JPY", "SGD", "MYR", "NZD", "USD"]),
  wechat_pay: new Set([
    "CNY",
    "AUD",
    "CAD",
    "EUR",
    "GBP",
    "HKD",
    "JPY",
    "SGD",
    "USD",
    "DKK",
    "NOK",
    "SEK",
    "CHF",
  ]),
};

// API 2026-10-28 replaced `payment_method_types` with `allowed_payment_method_types`: a filter
// on the methods the account has switched on, not a static list (see docs/DECISIONS.md).
type MethodType = NonNullable<CheckoutSessionParams["allowed_payment_method_types"]>[number];

export function paymentMethodsFor(currency: string): MethodType[] {
  const c = currency.toUpperCase();
  const methods: MethodType[] = ["card"];
  if (WALLET_CURRENCIES.alipay.has(c)) methods.push("alipay");
  if (WALLET_CURRENCIES.wechat_pay.has(c)) methods.push("wechat_pay");
  return methods;
}

// Stripe takes `expires_at` 30 minutes to 24 hours after the session's creation.
const MIN_SESSION_SECONDS = 30 * 60;

/**
 * The session's `expires_at`: our hold's end. The hold started when the order was placed, so a
 * buyer who waited before paying would ask for less than Stripe's minimum; then the session
 * lives the minimum (rounded up to the minute, so a retry within that minute sends the same
 * parameters under the same idempotency key), and a payment after our hold is rechecked by
 * fulfilment like any late payment.
 */
export function sessionExpiresAt(hold: Date, at: Date = now()): number {
  const wanted = Math.floor(hold.getTime() / 1000);
  const earliest = Math.floor(at.getTime() / 1000) + MIN_SESSION_SECONDS + 60;
  return wanted >= earliest ? wanted : Math.ceil(earliest / 60) * 60;
}

/**
 * How the sellers are paid: one seller with a Connect account → a destination charge (its share
 * moves with the charge, the alliance fee stays as `application_fee_amount`); otherwise the
 * platform takes the charge and pays each connected seller by its own transfer of the
 * `transfer_group` (separate charges and transfers); sellers without Connect are settled
 * against their statements.
 */
export function chargeShape(req: CheckoutRequest): CheckoutSessionParams["payment_intent_data"] {
  const metadata = { order_id: req.orderId, session_id: req.sessionId };
  const accounts = new Set(req.lines.map((l) => l.sellerAccountId));
  const sellers = new Set(req.lines.map((l) => l.sellerInstitutionId));
  const [only] = [...accounts];
  if (sellers.size === 1 && accounts.size === 1 && only) {
    return {
      metadata,
      application_fee_amount: req.feeMinor,
      transfer_data: { destination: only },
    };
  }
  return { metadata, transfer_group: `order_${req.orderId}` };
}

/** Stripe's refund states, as our three. */
export function refundStatus(status: string | null | undefined): ProcessorStatus {
  if (status === "succeeded") return "succeeded";
  if (status === "failed" || status === "canceled") return "failed";
  return "pending"; // pending, requires_action
}

export function createStripeProvider(): PaymentProvider {
  return {
    name: "stripe",
    async createCheckout(req) {
      const currency = req.currency.toLowerCase();
      const methods = paymentMethodsFor(req.currency);
      const session = await getStripe().checkout.sessions.create(
        {
          mode: "payment",
          line_items: req.lines.map((l) => ({
            quantity: l.quantity,
            price_data: {
              currency,
              unit_amount: l.unitAmountMinor,
              product_data: { name: req.locale === "zh-CN" ? l.titleZh : l.titleEn },
            },
          })),
          allowed_payment_method_types: methods,
          ...(methods.includes("wechat_pay")
            ? { payment_method_options: { wechat_pay: { client: "web" as const } } }
            : {}),
          expires_at: sessionExpiresAt(req.expiresAt),
          customer_email: req.customerEmail,
          client_reference_id: req.orderId,
          locale: req.locale === "zh-CN" ? "zh" : "en",
          success_url: req.successUrl,
          cancel_url: req.cancelUrl,
          metadata: { order_id: req.orderId, session_id: req.sessionId },
          payment_intent_data: chargeShape(req),
        },
        { idempotencyKey: `checkout:${req.sessionId}` },
      );
      if (!session.url) throw new Error(`Stripe session ${session.id} has no URL`);
      return { externalId: session.id, url: session.url };
    },

    async refund(req) {
      const refund = await getStripe().refunds.create(
        {
          payment_intent: req.paymentExternalId,
          amount: req.amountMinor,
          metadata: { refund_id: req.refundId },
        },
        { idempotencyKey: `refund:${req.refundId}` },
      );
      return { externalId: refund.id, status: refundStatus(refund.status) };
    },

    async transfer(req) {
      const transfer = await getStripe().transfers.create(
        {
          amount: req.amountMinor,
          currency: req.currency.toLowerCase(),
          destination: req.destinationAccountId,
          // Funds come from this charge once it settles, so a transfer never outruns the money.
          ...(req.chargeId ? { source_transaction: req.chargeId } : {}),
          transfer_group: `order_${req.orderId}`,
          metadata: { order_id: req.orderId, transfer_id: req.transferId },
        },
        { idempotencyKey: `transfer:${req.transferId}` },
      );
      return { externalId: transfer.id };
    },

    async reverseTransfer(req) {
      const reversal = await getStripe().transfers.createReversal(
        req.transferExternalId,
        { amount: req.amountMinor, metadata: { refund_id: req.refundId } },
        { idempotencyKey: `reversal:${req.refundId}` },
      );
      return { externalId: reversal.id };
    },
  };
}

/**
 * A Stripe payment's charge, and the transfer a destination charge already made. The webhook
 * names only the PaymentIntent; its `latest_charge` is the charge that succeeded.
 */
export async function stripeChargeOf(
  paymentIntentId: string,
  chargeId: string | null,
): Promise<{ chargeId: string | null; transferId: string | null; destination: string | null }> {
  const stripe = getStripe();
  let id = chargeId;
  if (!id) {
    const pi = await stripe.paymentIntents.retrieve(paymentIntentId);
    const latest = pi.latest_charge;
    id = typeof latest === "string" ? latest : (latest?.id ?? null);
  }
  if (!id) return { chargeId: null, transferId: null, destination: null };
  const charge = await stripe.charges.retrieve(id);
  const transfer =
    typeof charge.transfer === "string" ? charge.transfer : (charge.transfer?.id ?? null);
  const dest = charge.transfer_data?.destination;
  return {
    chargeId: id,
    transferId: transfer,
    destination: typeof dest === "string" ? dest : (dest?.id ?? null),
  };
}
