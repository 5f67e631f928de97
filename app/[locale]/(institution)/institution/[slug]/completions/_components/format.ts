import { minorToDecimal } from "@/lib/money/minor-units";

/** A score stored as hundredths (8550) → "85.5" in the locale's digits. */
export function formatScore(scoreX100: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(
    minorToDecimal(scoreX100, 2, { trim: true }) as `${number}`,
  );
}

/** A calendar date "2026-05-04" as people read it; no time zone moves it to another day. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
