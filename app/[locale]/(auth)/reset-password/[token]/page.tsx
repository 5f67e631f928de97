import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { NewPasswordForm } from "../../_components/reset-forms";

export default async function NewPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const [t, { token }] = await Promise.all([getTranslations("auth"), params]);
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("newPasswordTitle")}</PageTitle>
      <Card>
        <NewPasswordForm token={token} />
      </Card>
    </div>
  );
}
