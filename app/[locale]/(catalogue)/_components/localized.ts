/**
 * Bilingual content in the page's language, falling back to the other when it is missing (a
 * resource needs only one language complete). `lang` is set only on a fallback, so screen
 * readers switch voice exactly when the text is not in the page's language.
 */
export function pickText(
  locale: string,
  zh: string,
  en: string,
): { text: string; lang: "zh-CN" | "en" | undefined } {
  const preferZh = locale === "zh-CN";
  const [first, second] = preferZh ? [zh, en] : [en, zh];
  if (first.trim()) return { text: first, lang: undefined };
  return { text: second, lang: preferZh ? "en" : "zh-CN" };
}

/** Only http(s) addresses become links: a stored `javascript:` URL must never be clickable. */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
