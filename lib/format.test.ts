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
  });
});

describe("formatDate", () => {
  it("uses the alliance's time zone, not the server's", () => {
    // 2026-12-31 20:00 UTC is already 1 January in Shanghai.
    const d = new Date("2026-12-31T20:00:00Z");
    expect(formatDate(d, "en")).toBe("Jan 1, 2027");
    expect(formatDate(d, "zh-CN")).toBe("2027年1月1日");
  });
});
