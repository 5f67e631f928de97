import { currencyMinorToDecimal } from "@/lib/money/minor-units";
import type { StatementRow } from "./statements";

/** Text from people (names, references), or an exact decimal amount we produced. */
type Cell = string | number | { decimal: string };

/**
 * One CSV field by RFC 4180: quoted when it holds a comma, quote, CR or LF, quotes doubled. No
 * CSV writer is installed (only csv-parse), and this is all of the format we need
 * (docs/DECISIONS.md). Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * the start) gets a leading apostrophe; numbers and amounts are ours and are written as they are.
 */
export function csvField(value: Cell): string {
  let text = typeof value === "object" ? value.decimal : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows → CSV text with CRLF line ends and a BOM, so Excel reads it as UTF-8. */
export function toCsv(rows: Cell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(",")).join("\r\n")}\r\n`;
}

export type StatementCsvHeadings = Record<
  | "institution"
  | "period"
  | "currency"
  | "sales"
  | "fees"
  | "shares"
  | "refunds"
  | "refundFees"
  | "refundShares"
  | "netPayout"
  | "connect"
  | "bank"
  | "settled"
  | "reference"
  | "outstanding",
  string
>;

/** A statement as CSV: amounts as exact decimals of their currency ("1234.50"). */
export function statementCsv(
  rows: StatementRow[],
  period: string,
  h: StatementCsvHeadings,
  locale: string,
): string {
  const money = (m: number, c: string) => ({ decimal: currencyMinorToDecimal(m, c) });
  return toCsv([
    [
      h.institution,
      h.period,
      h.currency,
      h.sales,
      h.fees,
      h.shares,
      h.refunds,
      h.refundFees,
      h.refundShares,
      h.netPayout,
      h.connect,
      h.bank,
      h.settled,
      h.reference,
      h.outstanding,
    ],
    ...rows.map((r) => [
      locale === "zh-CN" ? r.nameZh : r.nameEn,
      period,
      r.currency,
      money(r.salesMinor, r.currency),
      money(r.feesMinor, r.currency),
      money(r.sharesMinor, r.currency),
      money(r.refundsMinor, r.currency),
      money(r.refundFeesMinor, r.currency),
      money(r.refundSharesMinor, r.currency),
      money(r.netPayoutMinor, r.currency),
      money(r.connectMinor, r.currency),
      money(r.bankMinor, r.currency),
      money(r.settledMinor, r.currency),
      r.settlementReference ?? "",
      money(r.outstandingMinor, r.currency),
    ]),
  ]);
}
