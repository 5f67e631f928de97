import { CREDITS_EXPONENT, currencyExponent, minorToDecimal } from "@/lib/money/minor-units";

/**
 * Locale-aware display of the product's integer units (PRODUCT.md §3–4): credits are stored as
 * hundredths, money as minor units. Intl formats the exact decimal string (it accepts numeric
 * strings and does not round them through a float), so no amount is ever divided as a float.
 * Never parse these strings back: they are for people.
 */
export function formatCredits(creditsX100: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: CREDITS_EXPONENT,
  }).format(minorToDecimal(creditsX100, CREDITS_EXPONENT) as `${number}`);
}

/** Minor units shown with the currency's ISO digits (CNY 2, JPY 0, KWD 3). */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = currencyExponent(currency);
  return new Intl.NumberFormat(locale, {
    style: "currency",
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minorToDecimal(amountMinor, digits) as `${number}`);
}

/**
 * A date as people in `timeZone` read it. The zone is the alliance's (lib/time:
 * getAllianceTimeZone), read from the credit standard at request time; there is no default, so
 * no caller can fall back to the server's zone or a hard-coded one.
 */
export function formatDate(date: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}
