/**
 * The money rules of PRODUCT.md §6, on integer minor units only. Products are taken in BigInt so
 * `amount × basis points` is exact at any size before flooring.
 */

/** Card processors refuse larger amounts (Stripe: 8 digits of minor units); above, bank transfer. */
export const MAX_CHECKOUT_AMOUNT_MINOR = 99_999_999;

function floorMulDiv(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError("divisor must be positive");
  return Number((BigInt(a) * BigInt(b)) / BigInt(c));
}

/** A line's alliance fee, floored, and the seller's share: they sum to the line exactly. */
export function splitLine(amountMinor: number, feeBp: number): { fee: number; share: number } {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError("amount");
  if (!Number.isInteger(feeBp) || feeBp < 0 || feeBp > 10_000) throw new RangeError("fee bp");
  const fee = floorMulDiv(amountMinor, feeBp, 10_000);
  return { fee, share: amountMinor - fee };
}

export type LineRefundState = {
  amountMinor: number;
  feeMinor: number;
  refundedMinor: number;
  feeRefundedMinor: number;
};

/**
 * A (partial) refund of `refundMinor` from a line: the fee comes back in proportion, rounded down,
 * and the seller bears the rest. Computed on the cumulative refund, so any sequence of partial
 * refunds ends with exactly the whole fee given back when the whole line is: fee refunded so far
 * is always floor(fee × refunded / amount).
 */
export function splitRefund(
  line: LineRefundState,
  refundMinor: number,
): { fee: number; share: number } {
  if (!Number.isSafeInteger(refundMinor) || refundMinor <= 0) throw new RangeError("refund");
  const refundedAfter = line.refundedMinor + refundMinor;
  if (refundedAfter > line.amountMinor) throw new RangeError("refund exceeds the line");
  const feeAfter =
    line.amountMinor === 0 ? 0 : floorMulDiv(line.feeMinor, refundedAfter, line.amountMinor);
  const fee = feeAfter - line.feeRefundedMinor;
  return { fee, share: refundMinor - fee };
}

/** What is left to refund on a line. */
export function refundableMinor(line: LineRefundState): number {
  return line.amountMinor - line.refundedMinor;
}
