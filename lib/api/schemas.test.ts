import { describe, expect, it } from "vitest";
import { idempotencyKeySchema, scopesSchema } from "./schemas";

describe("API input schemas", () => {
  it("scopes: known ones, deduplicated, in a fixed order", () => {
    expect(scopesSchema.parse(["resources:write", "catalogue:read", "resources:write"])).toEqual([
      "catalogue:read",
      "resources:write",
    ]);
    expect(scopesSchema.safeParse([]).success).toBe(false);
    expect(scopesSchema.safeParse(["catalogue:read", "catalogue:write"]).success).toBe(false);
    expect(scopesSchema.safeParse("catalogue:read").success).toBe(false);
  });

  it("Idempotency-Key: 1–200 printable ASCII characters, not only spaces", () => {
    for (const ok of ["a", "x".repeat(200), "9f1c-4e2a", "order 42 / try 1", "~!@#$%^&*()"]) {
      expect(idempotencyKeySchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ["", " ", "x".repeat(201), "a\tb", "a\nb", "ключ", "键", "\u007f"]) {
      expect(idempotencyKeySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
