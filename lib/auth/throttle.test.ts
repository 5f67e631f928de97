import { describe, expect, it } from "vitest";
import { FREE_FAILURES, MAX_DELAY_SECONDS, delayAfter, throttleKeys } from "./throttle";

describe("delayAfter", () => {
  it("allows the free failures without delay", () => {
    expect(FREE_FAILURES).toBeGreaterThan(0);
    for (let n = 0; n < FREE_FAILURES; n++) expect(delayAfter(n), `${n} failures`).toBe(0);
  });

  it("then doubles from one second", () => {
    expect(delayAfter(FREE_FAILURES)).toBe(1);
    expect(delayAfter(FREE_FAILURES + 1)).toBe(2);
    expect(delayAfter(FREE_FAILURES + 2)).toBe(4);
    expect(delayAfter(FREE_FAILURES + 3)).toBe(8);
    expect(delayAfter(FREE_FAILURES + 9)).toBe(512);
  });

  it("never grows beyond the cap", () => {
    expect(MAX_DELAY_SECONDS).toBe(15 * 60);
    expect(delayAfter(FREE_FAILURES + 10)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfter(FREE_FAILURES + 11)).toBe(MAX_DELAY_SECONDS);
    expect(delayAfter(10_000)).toBe(MAX_DELAY_SECONDS);
  });

  it("never falls as failures grow", () => {
    let last = 0;
    for (let n = 0; n <= 100; n++) {
      const d = delayAfter(n);
      expect(d).toBeGreaterThanOrEqual(last);
      expect(d).toBeLessThanOrEqual(MAX_DELAY_SECONDS);
      last = d;
    }
  });
});

describe("throttleKeys", () => {
  it("keys by e-mail and client address when the address is known", () => {
    expect(throttleKeys("ann@example.org", "203.0.113.7")).toEqual([
      "email:ann@example.org",
      "ip:203.0.113.7",
    ]);
  });

  it("keys by e-mail alone without a trusted address", () => {
    expect(throttleKeys("ann@example.org", null)).toEqual(["email:ann@example.org"]);
    expect(throttleKeys("ann@example.org", "")).toEqual(["email:ann@example.org"]);
  });
});
