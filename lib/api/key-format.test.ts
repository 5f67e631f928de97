import { describe, expect, it } from "vitest";
import { bearerToken, generateApiKey, hashApiKey, isWellFormedApiKey } from "./key-format";

describe("API key format", () => {
  it("makes distinct, well-formed keys whose hash and prefix match", () => {
    const keys = Array.from({ length: 50 }, generateApiKey);
    expect(new Set(keys.map((k) => k.key)).size).toBe(50);
    for (const k of keys) {
      expect(isWellFormedApiKey(k.key)).toBe(true);
      expect(k.key.startsWith(`${k.prefix}_`)).toBe(true);
      expect(k.prefix).toMatch(/^cbx_[0-9a-f]{8}$/);
      expect(k.keyHash).toBe(hashApiKey(k.key));
      expect(k.keyHash).toMatch(/^[0-9a-f]{64}$/);
      // 32 random bytes, base64url without padding.
      expect(Buffer.from(k.key.slice(13), "base64url")).toHaveLength(32);
    }
  });

  it("tells well-formed keys from anything else", () => {
    const { key } = generateApiKey();
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey(key.replace("cbx_", "cbk_"))).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(key.toUpperCase())).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
  });

  it("reads the token of a Bearer header only", () => {
    expect(bearerToken("Bearer abc")).toBe("abc");
    expect(bearerToken("bearer   abc  ")).toBe("abc");
    expect(bearerToken("BEARER\tabc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken("Bearer")).toBeNull();
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken("Bearerabc")).toBeNull();
    expect(bearerToken(`Bearer ${"a".repeat(300)}`)).toBeNull();
    expect(bearerToken(null)).toBeNull();
    expect(bearerToken("")).toBeNull();
  });
});
