/**
 * Locale-aware display of the product's integer units (PRODUCT.md §3–4): credits are stored as
 * hundredths, money as minor units. Never parse these strings back: they are for people.
 */
export function formatCredits(creditsX100: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: 2,
  }).format(creditsX100 / 100);
}

// Minor units per major unit, from the currency's own digits (CNY 2, JPY 0, …).
function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amountMinor / 10 ** digits);
}

export function formatDate(date: Date, locale: string, timeZone = "Asia/Shanghai"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
