import { getTranslations } from "next-intl/server";
import { isPublicDemo } from "@/lib/env";

/** A demo others can reach says so on every page, so no one mistakes it for the real Exchange. */
export async function DemoBanner() {
  if (!isPublicDemo()) return null;
  const t = await getTranslations("common");
  return (
    <p
      data-testid="demo-banner"
      className="bg-amber-300 px-4 py-2 text-center text-sm font-medium text-slate-950"
    >
      <strong className="mr-2 font-bold tracking-wide uppercase">{t("demoBadge")}</strong>
      {t("publicDemo")}
    </p>
  );
}
