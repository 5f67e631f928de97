import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { RequestResetForm } from "../_components/reset-forms";

export default async function ResetPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("resetTitle")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("resetIntro")}</p>
        <RequestResetForm />
      </Card>
    </div>
  );
}
