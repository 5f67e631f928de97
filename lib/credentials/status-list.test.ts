import { describe, expect, it } from "vitest";
import { STATUS_LIST_SIZE } from "./issue";
import { emailIdentityHash } from "./payload";
import { decodeStatusList, encodeStatusList, isBitSet } from "./status-list";

describe("the revocation bitstring", () => {
  it("puts bit 0 in the most significant bit of the first byte, and so on", () => {
    const bits = decodeStatusList(encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]));
    expect(bits.length).toBe(STATUS_LIST_SIZE / 8);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[bits.length - 1]).toBe(0b0000_0001);
    expect(bits.reduce((n, b) => n + (b === 0 ? 0 : 1), 0)).toBe(3);
    expect([0, 9, STATUS_LIST_SIZE - 1].every((i) => isBitSet(bits, i))).toBe(true);
    expect(isBitSet(bits, 1)).toBe(false);
  });

  it("is multibase base64url ('u', no padding) of GZIP", () => {
    const encoded = encodeStatusList([]);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    // GZIP's magic number, 1f 8b, after the multibase prefix.
    expect([...Buffer.from(encoded.slice(1), "base64url").subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(decodeStatusList(encoded).every((b) => b === 0)).toBe(true);
  });

  it("refuses a place outside the list", () => {
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
  });
});

describe("the e-mail identity hash", () => {
  it("reproduces the Open Badges 3.0 example (a@example.com salted with Kosher)", () => {
    expect(emailIdentityHash("a@example.com", "Kosher")).toBe(
      "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399",
    );
    // The address is lower-cased first, so the hash does not depend on how it was typed.
    expect(emailIdentityHash(" A@Example.COM", "Kosher")).toBe(
      emailIdentityHash("a@example.com", "Kosher"),
    );
  });
});
