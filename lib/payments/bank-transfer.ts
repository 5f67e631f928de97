import type { PaymentProvider } from "./provider";

/**
 * Bank transfers (对公转账) have no processor: alliance finance records money that arrived, and
 * pays money back by its own transfer. A refund is recorded as done when asked, with an id of
 * our own, and stays pending until alliance finance says it wired the money back (it resolves the
 * "bank refund due" item of its queue); sellers of such orders are paid against their statements.
 */
export const bankTransferProvider: PaymentProvider = {
  name: "sandbox",
  async createCheckout() {
    throw new Error("A bank-transfer order has no checkout session");
  },
  async refund(req) {
    return { externalId: `bank_re_${req.refundId}`, status: "pending" };
  },
  async transfer() {
    throw new Error("Sellers of bank-transfer orders are paid against their statements");
  },
  async reverseTransfer() {
    throw new Error("Sellers of bank-transfer orders are paid against their statements");
  },
};
