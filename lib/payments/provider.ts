/**
 * The one interface every card processor implements (PRODUCT.md §6). Whatever the provider, its
 * confirmations reach `lib/commerce/payment-events.ts`, so fulfilment has exactly one code path.
 * Every call carries an idempotency key derived from our own row id: a retried job asks again
 * and gets the same object back.
 */
export type CheckoutLine = {
  lineId: string;
  titleZh: string;
  titleEn: string;
  unitAmountMinor: number;
  quantity: number;
  amountMinor: number;
  feeMinor: number;
  shareMinor: number;
  sellerInstitutionId: string;
  // The seller's Stripe Connect account, when it has one that can take charges.
  sellerAccountId: string | null;
};

export type CheckoutRequest = {
  // Our payment_sessions row: its id is the idempotency key and goes into the metadata.
  sessionId: string;
  orderId: string;
  currency: string;
  totalMinor: number;
  feeMinor: number;
  expiresAt: Date;
  locale: string;
  customerEmail: string;
  lines: CheckoutLine[];
  successUrl: string;
  cancelUrl: string;
};

export type RefundRequest = {
  refundId: string; // our refunds row: idempotency key and metadata
  paymentExternalId: string;
  chargeId: string | null;
  amountMinor: number;
  currency: string;
};

export type ProcessorStatus = "pending" | "succeeded" | "failed";

export type TransferRequest = {
  transferId: string; // our seller_transfers row
  orderId: string;
  destinationAccountId: string;
  amountMinor: number;
  currency: string;
  chargeId: string | null;
};

export type ReversalRequest = {
  refundId: string; // the refund the reversal belongs to: one reversal per refund
  transferExternalId: string;
  amountMinor: number;
};

export interface PaymentProvider {
  readonly name: "sandbox" | "stripe";
  createCheckout(req: CheckoutRequest): Promise<{ externalId: string; url: string }>;
  refund(req: RefundRequest): Promise<{ externalId: string; status: ProcessorStatus }>;
  transfer(req: TransferRequest): Promise<{ externalId: string }>;
  reverseTransfer(req: ReversalRequest): Promise<{ externalId: string }>;
}
