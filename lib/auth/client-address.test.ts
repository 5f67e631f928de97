import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "./client-address";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientAddressFrom", () => {
  it("trusts no header without a trusted proxy", () => {
    expect(clientAddressFrom(xff("198.51.100.1"), 0)).toBeNull();
    expect(clientAddressFrom(xff("198.51.100.1, 10.0.0.2"), 0)).toBeNull();
    expect(clientAddressFrom(new Headers(), 0)).toBeNull();
    expect(clientAddressFrom(xff("198.51.100.1"), -1)).toBeNull();
  });

  it("takes the last entry behind one trusted proxy", () => {
    expect(clientAddressFrom(xff("198.51.100.1"), 1)).toBe("198.51.100.1");
    // The left entries are the client's own word and may be forged.
    expect(clientAddressFrom(xff("6.6.6.6, 198.51.100.1"), 1)).toBe("198.51.100.1");
  });

  it("takes the second from the right behind two trusted proxies", () => {
    expect(clientAddressFrom(xff("6.6.6.6, 198.51.100.1, 10.0.0.2"), 2)).toBe("198.51.100.1");
  });

  it("gives nothing when the chain is shorter than the trusted hops", () => {
    expect(clientAddressFrom(xff("10.0.0.2"), 2)).toBeNull();
  });

  it("gives nothing without the header", () => {
    expect(clientAddressFrom(new Headers(), 1)).toBeNull();
    expect(clientAddressFrom(new Headers({ "x-real-ip": "198.51.100.1" }), 1)).toBeNull();
    expect(clientAddressFrom(xff(""), 1)).toBeNull();
    expect(clientAddressFrom(xff(" , "), 1)).toBeNull();
  });

  it("trims whitespace around entries", () => {
    expect(clientAddressFrom(xff("  198.51.100.1  "), 1)).toBe("198.51.100.1");
    expect(clientAddressFrom(xff("6.6.6.6 ,  198.51.100.1 ,10.0.0.2 "), 2)).toBe("198.51.100.1");
  });
});
