import fc from "fast-check";
import { describe, expect, it } from "vitest";
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
