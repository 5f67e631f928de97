import { sql } from "drizzle-orm";
import { bigint, check, type AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * Totals of money and credits (orders, statements, ledger balances) as PostgreSQL `bigint`, read
 * by drizzle as JavaScript numbers. That reading is exact only up to 2^53 − 1, so every such
 * column carries `moneyRangeCheck`: the database refuses what JavaScript could not hold exactly,
 * and `mode: "number"` can never round. Schema files import these by relative path (drizzle-kit).
 */
export const MAX_SAFE_BIGINT = "9007199254740991";

export function moneyBigint(name: string) {
  return bigint(name, { mode: "number" });
}

/**
 * CHECK `column between min and 2^53 − 1`. `min` defaults to 0 (totals, prices); a signed
 * amount (a ledger delta, a refund) passes `min: "-9007199254740991"`. Bounds are literals, not
 * parameters: a CHECK is DDL.
 */
export function moneyRangeCheck(
  name: string,
  column: AnyPgColumn,
  opts: { min?: number | `-${typeof MAX_SAFE_BIGINT}` } = {},
) {
  const min = String(opts.min ?? 0);
  if (!/^-?\d+$/.test(min)) throw new RangeError(`CHECK bound must be an integer: ${min}`);
  return check(name, sql`${column} between ${sql.raw(min)} and ${sql.raw(MAX_SAFE_BIGINT)}`);
}
