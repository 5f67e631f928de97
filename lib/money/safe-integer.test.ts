import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSafeInteger, toSafeIntegerOrNull } from "./safe-integer";

const MAX = Number.MAX_SAFE_INTEGER;

describe("toSafeInteger", () => {
  it("reads each driver's integer: number (int4), BigInt (PGlite int8), string (postgres.js int8)", () => {
    expect(toSafeInteger(42)).toBe(42);
    expect(toSafeInteger(42n)).toBe(42);
    expect(toSafeInteger("42")).toBe(42);
    expect(toSafeInteger("-7")).toBe(-7);
    expect(toSafeInteger(BigInt(MAX))).toBe(MAX);
    expect(toSafeInteger(String(-MAX))).toBe(-MAX);
  });

  it("agrees across the three shapes for every safe integer", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), (n) => {
        expect(toSafeInteger(BigInt(n))).toBe(n);
        expect(toSafeInteger(String(n))).toBe(n);
      }),
    );
  });

  it("throws beyond 2^53 − 1 instead of rounding", () => {
    expect(() => toSafeInteger(BigInt(MAX) + 1n, "total")).toThrow(/total is beyond/);
    expect(() => toSafeInteger("9007199254740993")).toThrow(RangeError);
    expect(() => toSafeInteger("-9007199254740992")).toThrow(RangeError);
    expect(() => toSafeInteger(2 ** 53)).toThrow(RangeError);
  });

  it("refuses what is not an integer", () => {
    for (const bad of [1.5, Number.NaN, Infinity, "1.5", "1e3", "", " 1", null, undefined, {}, true]) {
      expect(() => toSafeInteger(bad), String(bad)).toThrow();
    } // prettier-ignore
  });

  it("keeps SQL NULL (a sum over no rows) as null", () => {
    expect(toSafeIntegerOrNull(null)).toBeNull();
    expect(toSafeIntegerOrNull("5")).toBe(5);
  });
});
