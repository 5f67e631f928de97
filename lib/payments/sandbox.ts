import type { PaymentProvider } from "./provider";

/**
 * The built-in test processor: no money moves. Its checkout is our own page
 * (`/checkout/sandbox/<session>`), where the buyer confirms or declines; that page calls the same
 * payment-confirmed and payment-failed functions a Stripe webhook does. Refunds and transfers
 * succeed at once, with ids derived from our rows, so a retry returns the same id.
 */
export const sandboxProvider: PaymentProvider = {
  name: "sandbox",
  async createCheckout(req) {
    return { externalId: `sbx_cs_${req.sessionId}`, url: `/checkout/sandbox/${req.sessionId}` };
  },
  async refund(req) {
    return { externalId: `sbx_re_${req.refundId}`, status: "succeeded" };
  },
  async transfer(req) {
    return { externalId: `sbx_tr_${req.transferId}` };
  },
  async reverseTransfer(req) {
    return { externalId: `sbx_trr_${req.refundId}` };
  },
};

/** The payment id the sandbox page records for a confirmed session. */
export function sandboxPaymentId(sessionId: string): string {
  return `sbx_pi_${sessionId}`;
}
