import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { PageTitle } from "@/components/ui/card";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <div>
      <PageTitle>{t("notFoundTitle")}</PageTitle>
      <p className="mb-4">{t("notFoundBody")}</p>
      <Link href="/" className="text-brand-700 underline">
        {t("backHome")}
      </Link>
    </div>
  );
}
