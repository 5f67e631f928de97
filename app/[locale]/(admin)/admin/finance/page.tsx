import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { OfficeFigures } from "../_overview";

export default async function OfficeFinancePage() {
  const viewer = await viewerOrSignIn("/admin/finance");
  requirePlatformPage(viewer, "payments:record_transfer");
  const t = await getTranslations("office");
  return (
    <div>
      <PageTitle>{t("financeTitle")}</PageTitle>
      <p className="mb-6 text-slate-700">{t("financeBody")}</p>
      <OfficeFigures viewer={viewer} />
    </div>
  );
}
