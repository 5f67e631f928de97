import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Link } from "@/i18n/navigation";
import { getViewer } from "@/lib/auth/viewer";
import { navFor } from "@/lib/auth/nav";
import { hasDemoMailbox } from "@/lib/env";
import { signOutAction } from "@/lib/accounts/actions";
import { DemoBanner } from "./demo-banner";
import { LanguageSwitcher } from "./language-switcher";

export async function Header() {
  const [t, tc, locale, viewer] = await Promise.all([
    getTranslations("nav"),
    getTranslations("common"),
    getLocale(),
    getViewer(),
  ]);
  const items = viewer ? navFor(viewer, locale) : [];
  const link = "rounded px-2 py-1 text-slate-800 hover:bg-slate-100 hover:text-slate-950";
  return (
    <header className="border-b border-slate-200 bg-white">
      <DemoBanner />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="text-brand-800 text-lg font-semibold">
          {tc("appName")}
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          <Suspense>
            <LanguageSwitcher />
          </Suspense>
          {viewer ? (
            <form action={signOutAction} className="flex items-center gap-2 text-sm">
              <span className="text-slate-700">{t("signedInAs", { name: viewer.name })}</span>
              <button type="submit" className="text-brand-700 hover:text-brand-800 underline">
                {t("signOut")}
              </button>
            </form>
          ) : (
            <div className="flex gap-3 text-sm">
              <Link href="/sign-in" className="text-brand-700 underline">
                {t("signIn")}
              </Link>
              <Link href="/sign-up" className="text-brand-700 underline">
                {t("signUp")}
              </Link>
            </div>
          )}
        </div>
      </div>
      <nav aria-label={tc("primaryNav")} className="border-t border-slate-100">
        <ul className="mx-auto flex max-w-6xl flex-wrap gap-1 px-2 py-2 text-sm">
          <li>
            <Link href="/" className={link}>
              {t("home")}
            </Link>
          </li>
          <li>
            <Link href="/resources" className={link}>
              {t("catalogue")}
            </Link>
          </li>
          <li>
            <Link href="/institutions" className={link}>
              {t("institutions")}
            </Link>
          </li>
          {items.map((item) => (
            <li key={item.href}>
              <Link href={item.href} className={link}>
                {t(item.label, item.params)}
              </Link>
            </li>
          ))}
          {hasDemoMailbox() && (
            <li>
              <Link href="/mailbox" className={link}>
                {t("mailbox")}
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </header>
  );
}
