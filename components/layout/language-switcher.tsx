"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { usePathname } from "@/i18n/navigation";
import { locales } from "@/i18n/routing";
import { setLocaleAction } from "@/lib/accounts/actions";

const names = { "zh-CN": "简体中文", en: "English" } as const;

/**
 * Links to the same page in the other language. The choice is remembered in the NEXT_LOCALE
 * cookie and, for a signed-in person, on the account (mail follows it). Works without JS too.
 */
export function LanguageSwitcher() {
  const t = useTranslations("common");
  const current = useLocale();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return (
    <nav aria-label={t("language")} className="flex gap-2 text-sm">
      {locales.map((l) =>
        l === current ? (
          <span key={l} aria-current="true" className="font-semibold text-slate-900">
            {names[l]}
          </span>
        ) : (
          <a
            key={l}
            lang={l}
            hrefLang={l}
            href={`/${l}${pathname === "/" ? "" : pathname}${query ? `?${query}` : ""}`}
            onClick={async (e) => {
              e.preventDefault();
              const href = e.currentTarget.href;
              document.cookie = `NEXT_LOCALE=${l}; path=/; max-age=31536000; samesite=lax`;
              await setLocaleAction(l).catch(() => undefined);
              window.location.assign(href);
            }}
            className="text-brand-700 hover:text-brand-800 underline"
          >
            {names[l]}
          </a>
        ),
      )}
    </nav>
  );
}
