/**
 * A raw SQL integer → a safe JavaScript integer. Drivers disagree on `bigint` (int8, and so
 * `count(*)` and `sum(...)` of integers): postgres.js answers a string, PGlite a number while it
 * is safe and a BigInt beyond (tests/integration/money-and-time.test.ts pins both); int4 is a
 * number everywhere. Every raw result that holds a count, sum or amount passes here, so a
 * value beyond 2^53 − 1 fails loudly instead of being rounded (money would silently change).
 */
/** What a driver may answer for an SQL integer: type raw rows with it, so reads must normalise. */
export type SqlInteger = number | bigint | string;

export function toSafeInteger(value: unknown, what = "value"): number {
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return value;
    throw new RangeError(`${what} is not a safe integer: ${value}`);
  }
  if (typeof value === "bigint") return fromBigInt(value, what);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return fromBigInt(BigInt(value), what);
  throw new TypeError(`${what} is not an integer: ${typeof value} ${String(value)}`);
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function fromBigInt(value: bigint, what: string): number {
  if (value > MAX || value < -MAX) {
    throw new RangeError(`${what} is beyond ±(2^53 − 1): ${value}`);
  }
  return Number(value);
}

/** As toSafeInteger, with SQL NULL (a `sum` over no rows) kept as null. */
export function toSafeIntegerOrNull(value: unknown, what = "value"): number | null {
  return value === null || value === undefined ? null : toSafeInteger(value, what);
}
