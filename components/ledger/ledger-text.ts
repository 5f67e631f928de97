import { formatCredits } from "@/lib/format";

/**
 * Bilingual names in the page's language, falling back to the other when one is empty; `lang`
 * is set on a fallback only, so screen readers switch voice exactly when they must.
 */
export function pick(
  locale: string,
  zh: string | null | undefined,
  en: string | null | undefined,
): { text: string; lang: "zh-CN" | "en" | undefined } {
  const preferZh = locale === "zh-CN";
  const [first, second] = preferZh ? [zh, en] : [en, zh];
  if (first?.trim()) return { text: first, lang: undefined };
  return { text: second ?? "", lang: second?.trim() ? (preferZh ? "en" : "zh-CN") : undefined };
}

/** A calendar date (YYYY-MM-DD, no time of day) as people read it: no zone can shift it. */
export function formatDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** Credits with their sign: +3, −1.5, 0. */
export function signedCredits(creditsX100: number, locale: string): string {
  const text = formatCredits(creditsX100, locale);
  return creditsX100 > 0 ? `+${text}` : text;
}
