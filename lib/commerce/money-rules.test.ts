import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refundableMinor, splitLine, splitRefund, type LineRefundState } from "./money-rules";

// Amounts up to 2^53 − 1 (the money range) and every fee rate from 0 to 100 %.
const amount = fc.oneof(
  fc.integer({ min: 0, max: 10_000 }),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const bp = fc.integer({ min: 0, max: 10_000 });

/** A line and a sequence of partial refunds that never exceed it (the last may take the rest). */
const lineAndRefunds = fc
  .tuple(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), bp, fc.boolean())
  .chain(([amountMinor, feeBp, refundAll]) =>
    fc
      .array(fc.integer({ min: 1, max: amountMinor }), { minLength: 1, maxLength: 12 })
      .map((asks) => ({ amountMinor, feeBp, refundAll, asks })),
  );

describe("money rules (property)", () => {
  it("splitLine: fee = floor(amount × bp / 10000), fee + share = amount", () => {
    fc.assert(
      fc.property(amount, bp, (a, b) => {
        const { fee, share } = splitLine(a, b);
        expect(fee + share).toBe(a);
        expect(BigInt(fee)).toBe((BigInt(a) * BigInt(b)) / 10_000n);
        expect(fee).toBeGreaterThanOrEqual(0);
        expect(share).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("any sequence of partial refunds: parts sum to each refund, the fee is never overpaid, a full refund returns the whole fee, and what is kept splits exactly", () => {
    fc.assert(
      fc.property(lineAndRefunds, ({ amountMinor, feeBp, refundAll, asks }) => {
        const { fee, share } = splitLine(amountMinor, feeBp);
        const line: LineRefundState = {
          amountMinor,
          feeMinor: fee,
          refundedMinor: 0,
          feeRefundedMinor: 0,
        };
        let sharesRefunded = 0;
        const refundOnce = (ask: number) => {
          const part = splitRefund(line, ask);
          expect(part.fee + part.share).toBe(ask);
          expect(part.fee).toBeGreaterThanOrEqual(0);
          expect(part.share).toBeGreaterThanOrEqual(0);
          line.refundedMinor += ask;
          line.feeRefundedMinor += part.fee;
          sharesRefunded += part.share;
        };
        for (const ask of asks) {
          const left = refundableMinor(line);
          if (left === 0) break;
          refundOnce(Math.min(ask, left));
        }
        if (refundAll && refundableMinor(line) > 0) refundOnce(refundableMinor(line));
        // Fees refunded + shares refunded = refunded, and never more of the fee than there was.
        expect(line.feeRefundedMinor + sharesRefunded).toBe(line.refundedMinor);
        expect(line.feeRefundedMinor).toBeLessThanOrEqual(fee);
        expect(sharesRefunded).toBeLessThanOrEqual(share);
        // The fee given back is always the proportion of what was refunded, rounded down.
        expect(BigInt(line.feeRefundedMinor)).toBe(
          (BigInt(fee) * BigInt(line.refundedMinor)) / BigInt(amountMinor),
        );
        if (line.refundedMinor === amountMinor) {
          expect(line.feeRefundedMinor).toBe(fee);
          expect(sharesRefunded).toBe(share);
        }
        // What the alliance and the seller keep sums to what was kept, to the minor unit.
        const kept = amountMinor - line.refundedMinor;
        expect(fee - line.feeRefundedMinor + (share - sharesRefunded)).toBe(kept);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a refund beyond the line or of nothing", () => {
    const line = { amountMinor: 100, feeMinor: 10, refundedMinor: 60, feeRefundedMinor: 6 };
    expect(() => splitRefund(line, 41)).toThrow(RangeError);
    expect(() => splitRefund(line, 0)).toThrow(RangeError);
    expect(splitRefund(line, 40)).toEqual({ fee: 4, share: 36 });
  });
});
