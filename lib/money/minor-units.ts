import { AppError } from "@/lib/errors";

/**
 * Exact decimal strings ↔ integer minor units (PRODUCT.md §3: money is integer minor units,
 * credits integer hundredths). Only digit strings are shifted and BigInt compares ranges: no
 * float ever holds an amount, so "0.1 + 0.2" problems cannot arise. Every amount the code keeps
 * is a safe JavaScript integer (|n| ≤ 2^53 − 1), the range the database CHECKs also enforce.
 */

export const MAX_SAFE_MINOR = Number.MAX_SAFE_INTEGER;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Credits are hundredths of a credit: the same conversion with exponent 2. */
export const CREDITS_EXPONENT = 2;

// ISO 4217 minor-unit exponents other than 2. Intl (CLDR) is not used for this: it gives the
// digits people usually see (HUF 0), not the currency's minor unit (HUF 2), and payment
// providers count in ISO minor units.
const exponents: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}; // prettier-ignore
// Precious metals, SDRs and test codes have no minor unit at all.
const noMinorUnit = new Set(["XAU", "XAG", "XPT", "XPD", "XDR", "XTS", "XXX", "XSU", "XUA"]);
let known: Set<string> | undefined;

/** The ISO 4217 exponent of a currency (CNY 2, JPY 0, KWD 3); an unknown code is refused. */
export function currencyExponent(currency: string): number {
  const exponent = exponents[currency];
  if (exponent !== undefined) return exponent;
  known ??= new Set(Intl.supportedValuesOf("currency"));
  if (!known.has(currency) || noMinorUnit.has(currency)) {
    throw new AppError("BAD_REQUEST", "unknown_currency", `Unknown currency code: ${currency}`);
  }
  return 2;
}

export type MinorUnitsProblem = "not_a_number" | "too_many_decimals" | "out_of_range";
export type MinorUnitsResult =
  { ok: true; value: number } | { ok: false; problem: MinorUnitsProblem };

// Plain decimal notation only: an optional minus, digits, an optional point and digits ("5.",
// ".5" and "-0.25" included). No plus sign, exponent, separators, spaces or words.
const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/**
 * A decimal string → an integer count of 10^-exponent units ("199.5", 2 → 19950), or why not.
 * Trailing zeros beyond the exponent are exact and accepted ("1.500" CNY → 150).
 */
export function parseMinorUnits(text: string, exponent: number): MinorUnitsResult {
  if (!Number.isInteger(exponent) || exponent < 0 || exponent > 18) {
    throw new RangeError(`Exponent must be an integer 0–18, got ${exponent}`);
  }
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === "" && !m[3])) return { ok: false, problem: "not_a_number" };
  const fraction = (m[3] ?? "").replace(/0+$/, "");
  if (fraction.length > exponent) return { ok: false, problem: "too_many_decimals" };
  const digits = `${m[2]}${fraction.padEnd(exponent, "0")}`.replace(/^0+(?=\d)/, "");
  // A long string of digits never reaches BigInt: the range is known from its length.
  if (digits.length > 16 || BigInt(digits) > MAX_SAFE)
    return { ok: false, problem: "out_of_range" };
  const value = Number(BigInt(digits));
  return { ok: true, value: m[1] === "-" && value !== 0 ? -value : value };
}

const problemText: Record<MinorUnitsProblem, string> = {
  not_a_number: "is not a plain decimal number",
  too_many_decimals: "has more decimals than the unit allows",
  out_of_range: `is beyond ±${MAX_SAFE_MINOR} minor units`,
};

/** As parseMinorUnits, but a refusal throws AppError BAD_REQUEST naming the problem. */
export function decimalToMinor(text: string, exponent: number): number {
  const r = parseMinorUnits(text, exponent);
  if (r.ok) return r.value;
  throw new AppError("BAD_REQUEST", r.problem, `The amount "${text}" ${problemText[r.problem]}`);
}

/** A decimal amount of `currency` → its minor units ("199.00" CNY → 19900, "1200" JPY → 1200). */
export function decimalToCurrencyMinor(text: string, currency: string): number {
  return decimalToMinor(text, currencyExponent(currency));
}

/**
 * An integer count of 10^-exponent units → its exact decimal string: 19950, 2 → "199.50"
 * (all `exponent` decimals, for money) or with `trim` → "199.5" (credits: 300 → "3").
 */
export function minorToDecimal(
  minor: number,
  exponent: number,
  opts: { trim?: boolean } = {},
): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`Minor units must be a safe integer, got ${String(minor)}`);
  }
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  let fraction = digits.slice(digits.length - exponent);
  if (opts.trim) fraction = fraction.replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Minor units of `currency` → its decimal string with the currency's own exponent. */
export function currencyMinorToDecimal(minor: number, currency: string): string {
  return minorToDecimal(minor, currencyExponent(currency));
}
