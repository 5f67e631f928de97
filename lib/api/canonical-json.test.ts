import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { canonicalJson, hashBody } from "./canonical-json";

/** The same value with every object's keys in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .reverse()
        .map(([k, x]) => [k, reversed(x)]),
    );
  }
  return v;
}

describe("canonical JSON", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
    expect(canonicalJson([{ b: 1, a: 2 }, "x"])).toBe('[{"a":2,"b":1},"x"]');
    expect(canonicalJson("é\n")).toBe(JSON.stringify("é\n"));
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it("is valid JSON meaning the same value, whatever the key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(reversed(v))).toBe(text);
        expect(hashBody(reversed(v))).toBe(hashBody(v));
      }),
    );
  });

  it("hashes different bodies differently", () => {
    expect(hashBody({ a: 1 })).not.toBe(hashBody({ a: "1" }));
    expect(hashBody([1, 2])).not.toBe(hashBody([2, 1]));
    expect(hashBody({})).not.toBe(hashBody([]));
    expect(hashBody(null)).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Test vectors of RFC 8785 (JSON Canonicalization Scheme).
describe("RFC 8785", () => {
  it("reproduces the RFC's §3.2.2 example: literals, numbers, string escapes", () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    expect(canonicalJson(JSON.parse(input))).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it("writes numbers as ECMAScript does (RFC 8785 Appendix B)", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1, "1"],
      [-1, "-1"],
      [9007199254740991, "9007199254740991"],
      [-9007199254740991, "-9007199254740991"],
      [1e21, "1e+21"],
      [1e20, "100000000000000000000"],
      [1e-7, "1e-7"],
      [0.000001, "0.000001"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [295147905179352830000, "295147905179352830000"],
      [9.999999999999997e22, "9.999999999999997e+22"],
      [333333333.3333332, "333333333.3333332"],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n), text).toBe(text);
  });

  it("sorts keys by UTF-16 code units, not by code points or locale (§3.2.3)", () => {
    // The RFC's example less U+FB33, a composition exclusion that NFC rewrites (see below).
    const input = JSON.parse(
      String.raw`{"\u20ac":"Euro Sign","\r":"Carriage Return","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}`,
    );
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control",' +
        '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",' +
        '"\ud83d\ude00":"Emoji: Grinning Face"}',
    );
    // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FFFD (code point order would not).
    expect(canonicalJson({ "\ufffd": 1, "😀": 2 })).toBe('{"😀":2,"\ufffd":1}');
  });

  it("normalises strings and keys to NFC first, at any depth", () => {
    const decomposed = "e\u0301"; // e + combining acute
    const composed = "\u00e9"; // é
    expect(canonicalJson({ [decomposed]: [decomposed] })).toBe(`{"${composed}":["${composed}"]}`);
    expect(hashBody({ name: `Andr${decomposed}` })).toBe(hashBody({ name: `Andr${composed}` }));
    // U+FB33 (Hebrew dalet with dagesh) is a composition exclusion: NFC writes it as two code points.
    expect(canonicalJson("\ufb33")).toBe('"\u05d3\u05bc"');
  });

  it("refuses what has no canonical form, as a bad request", () => {
    for (const bad of [{ a: Number.NaN }, [Infinity], "\ud800", { ["e\u0301"]: 1, ["\u00e9"]: 2 }]) {
      try {
        canonicalJson(bad);
        expect.unreachable();
      } catch (e) {
        expect(isAppError(e) && e.code).toBe("BAD_REQUEST");
      }
    } // prettier-ignore
  });

  it("keeps a __proto__ key as an ordinary member", () => {
    expect(canonicalJson(JSON.parse('{"__proto__":1,"a":2}'))).toBe('{"__proto__":1,"a":2}');
  });
});
