import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { requirePlatformPage, viewerOrSignIn } from "@/lib/page-guards";
import { OfficeFigures } from "./_overview";

export default async function OfficePage() {
  const viewer = await viewerOrSignIn("/admin");
  requirePlatformPage(viewer, "alliance:view_office");
  const t = await getTranslations("office");
  return (
    <div>
      <PageTitle>{t("title")}</PageTitle>
      <OfficeFigures viewer={viewer} />
    </div>
  );
}
