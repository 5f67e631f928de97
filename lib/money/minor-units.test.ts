import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import {
  currencyExponent,
  currencyMinorToDecimal,
  decimalToCurrencyMinor,
  decimalToMinor,
  minorToDecimal,
  parseMinorUnits,
} from "./minor-units";

const MAX = Number.MAX_SAFE_INTEGER;

/** A random exact decimal string with exactly `exponent` decimals within the safe range. */
const decimalString = (exponent: number) =>
  fc.bigInt({ min: -BigInt(MAX), max: BigInt(MAX) }).map((n) => {
    const digits = (n < 0n ? -n : n).toString().padStart(exponent + 1, "0");
    const whole = digits.slice(0, digits.length - exponent);
    const fraction = digits.slice(digits.length - exponent);
    return `${n < 0n ? "-" : ""}${whole}${exponent > 0 ? `.${fraction}` : ""}`;
  });

describe("currency exponents", () => {
  it("knows CNY 2, JPY 0, KWD and BHD 3, HUF 2 (ISO, not CLDR's display digits)", () => {
    expect(currencyExponent("CNY")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("KWD")).toBe(3);
    expect(currencyExponent("BHD")).toBe(3);
    expect(currencyExponent("HUF")).toBe(2);
    expect(currencyExponent("EUR")).toBe(2);
  });
  it("refuses unknown codes and codes without a minor unit", () => {
    for (const code of ["XYZ", "cny", "", "XAU", "CNYY"]) {
      expect(() => currencyExponent(code), code).toThrow(/Unknown currency/);
    }
  });
});

describe("decimal ↔ minor units", () => {
  for (const [currency, exponent] of [
    ["CNY", 2],
    ["JPY", 0],
    ["KWD", 3],
  ] as const) {
    it(`round-trips random ${currency} amounts without loss`, () => {
      fc.assert(
        fc.property(decimalString(exponent), (text) => {
          const minor = decimalToCurrencyMinor(text, currency);
          expect(Number.isSafeInteger(minor)).toBe(true);
          // "-0.00" comes back as "0.00": the same amount.
          expect(currencyMinorToDecimal(minor, currency)).toBe(text.replace(/^-(?=[0.]+$)/, ""));
        }),
        { numRuns: 500 },
      );
      fc.assert(
        fc.property(fc.integer({ min: -MAX, max: MAX }), (minor) => {
          expect(decimalToCurrencyMinor(currencyMinorToDecimal(minor, currency), currency)).toBe(
            minor,
          );
        }),
        { numRuns: 500 },
      );
    });
  }

  it("shifts digits exactly where floats would not", () => {
    expect(decimalToMinor("0.29", 2)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(decimalToMinor("1.005", 3)).toBe(1005); // 1.005 * 1000 = 1004.9999999999999
    expect(decimalToMinor("90071992547409.91", 2)).toBe(MAX);
    expect(decimalToMinor("-90071992547409.91", 2)).toBe(-MAX);
    expect(decimalToMinor("199", 2)).toBe(19900);
    expect(decimalToMinor("2.5", 2)).toBe(250);
    expect(decimalToMinor(".5", 2)).toBe(50);
    expect(decimalToMinor("5.", 2)).toBe(500);
    expect(decimalToMinor("1.500", 2)).toBe(150);
    expect(decimalToMinor("-0", 2)).toBe(0);
    expect(Object.is(decimalToMinor("-0.00", 2), 0)).toBe(true);
    expect(decimalToMinor("000123", 0)).toBe(123);
  });

  it("writes decimals with the unit's digits, or trimmed", () => {
    expect(minorToDecimal(19900, 2)).toBe("199.00");
    expect(minorToDecimal(5, 2)).toBe("0.05");
    expect(minorToDecimal(-5, 3)).toBe("-0.005");
    expect(minorToDecimal(1200, 0)).toBe("1200");
    expect(minorToDecimal(250, 2, { trim: true })).toBe("2.5");
    expect(minorToDecimal(300, 2, { trim: true })).toBe("3");
    expect(() => minorToDecimal(0.5, 2)).toThrow(/safe integer/);
    expect(() => minorToDecimal(MAX + 1, 2)).toThrow(/safe integer/);
  });

  it("refuses too many decimals, non-numbers and out-of-range values, saying which", () => {
    const problem = (text: string, exponent: number) => {
      const r = parseMinorUnits(text, exponent);
      return r.ok ? `ok ${r.value}` : r.problem;
    };
    expect(problem("1.001", 2)).toBe("too_many_decimals");
    expect(problem("1.5", 0)).toBe("too_many_decimals");
    expect(problem("0.0001", 3)).toBe("too_many_decimals");
    for (const bad of ["", ".", "-", "abc", "1e3", "1E3", "+1", "1,000", " 1", "1 ", "0x10", "1.2.3", "--1", "Infinity", "NaN", "１２"]) {
      expect(problem(bad, 2), JSON.stringify(bad)).toBe("not_a_number");
    } // prettier-ignore
    expect(problem("90071992547409.92", 2)).toBe("out_of_range");
    expect(problem("9007199254740992", 0)).toBe("out_of_range");
    expect(problem("-9007199254740992", 0)).toBe("out_of_range");
    expect(problem("1".repeat(400), 0)).toBe("out_of_range");
    try {
      decimalToMinor("1.001", 2);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code === "BAD_REQUEST" && e.reason).toBe("too_many_decimals");
      expect((e as Error).message).toMatch(/"1.001" has more decimals/);
    }
  });

  it("refuses any random non-decimal string", () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/^-?(\d+\.?\d*|\.\d+)$/.test(s)),
        (s) => {
          expect(parseMinorUnits(s, 2)).toEqual({ ok: false, problem: "not_a_number" });
        },
      ),
    );
  });

  it("refuses random amounts with more decimals than the exponent", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (exponent, whole, lastDigit) => {
          const text = `${whole}.${"0".repeat(exponent)}${lastDigit}`;
          expect(parseMinorUnits(text, exponent)).toEqual({
            ok: false,
            problem: "too_many_decimals",
          });
        },
      ),
    );
  });
});
