import { describe, expect, it } from "vitest";
import { formatCredits, formatDate, formatMoney } from "./format";

describe("formatCredits", () => {
  it("shows hundredths with up to two decimals", () => {
    expect(formatCredits(300, "en")).toBe("3");
    expect(formatCredits(250, "zh-CN")).toBe("2.5");
    expect(formatCredits(1, "en")).toBe("0.01");
    expect(formatCredits(123456, "en")).toBe("1,234.56");
  });
});

describe("formatMoney", () => {
  it("formats fen as yuan for each locale", () => {
    expect(formatMoney(19900, "CNY", "zh-CN")).toBe("¥199.00");
    expect(formatMoney(19900, "CNY", "en")).toBe("CN¥199.00");
    expect(formatMoney(5, "CNY", "en")).toBe("CN¥0.05");
  });
  it("uses the currency's own minor units", () => {
    expect(formatMoney(1200, "JPY", "en")).toBe("¥1,200");
    expect(formatMoney(1005, "KWD", "en")).toMatch(/^KWD\s1\.005$/);
  });
  it("is exact up to 2^53 − 1 minor units, where dividing a float would round", () => {
    // 9007199254740991 / 100 as a float is 90071992547409.9: the last fen would be lost.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, "CNY", "en")).toBe("CN¥90,071,992,547,409.91");
    expect(formatCredits(Number.MAX_SAFE_INTEGER, "en")).toBe("90,071,992,547,409.91");
    expect(formatMoney(-Number.MAX_SAFE_INTEGER, "CNY", "en")).toBe("-CN¥90,071,992,547,409.91");
  });
});

describe("formatDate", () => {
  it("uses the zone it is given, not the server's", () => {
    // 2026-12-31 20:00 UTC is already 1 January in Shanghai, still 31 December in Berlin.
    const d = new Date("2026-12-31T20:00:00Z");
    expect(formatDate(d, "en", "Asia/Shanghai")).toBe("Jan 1, 2027");
    expect(formatDate(d, "zh-CN", "Asia/Shanghai")).toBe("2027年1月1日");
    expect(formatDate(d, "en", "Europe/Berlin")).toBe("Dec 31, 2026");
  });
});
