import { describe, expect, it } from "vitest";
import { z } from "zod";
import { canonicalJson } from "@/lib/api/canonical-json";
import { isAppError } from "./errors";
import { parseInput } from "./validation";

describe("bad input that would reach PostgreSQL or the stack as a 500", () => {
  it("refuses NUL characters anywhere, naming the field", () => {
    const schema = z.object({ a: z.object({ b: z.string() }) });
    try {
      parseInput(schema, { a: { b: "x\u0000y" } });
      throw new Error("expected a refusal");
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("BAD_REQUEST");
      expect(isAppError(e) && e.fields).toEqual({ "a.b": { code: "invalid" } });
    }
  });

  it("refuses JSON nested absurdly deep instead of overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(() => canonicalJson(deep)).toThrow(/nests deeper/);
    expect(canonicalJson({ b: [1, { d: 2, c: 3 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":3,"d":2}]}',
    );
  });
});
