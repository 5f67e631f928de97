import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export async function Footer() {
  const [t, tn] = await Promise.all([getTranslations("footer"), getTranslations("nav")]);
  return (
    <footer className="mt-16 border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl px-4 py-6 text-sm text-slate-700">
        <p>{t("about")}</p>
        <p className="mt-2">
          <Link href="/developers" className="text-brand-700 underline">
            {tn("developers")}
          </Link>
        </p>
        <p className="mt-2">© {t("rights")}</p>
      </div>
    </footer>
  );
}
