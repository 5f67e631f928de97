import { getTranslations } from "next-intl/server";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { VerifyForm } from "../_components/verify-form";

export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const [t, te, sp] = await Promise.all([
    getTranslations("auth"),
    getTranslations("errors"),
    searchParams,
  ]);
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("verifyTitle")}</PageTitle>
      <Card>
        {typeof sp.token === "string" ? (
          <VerifyForm token={sp.token} />
        ) : (
          <Notice tone="error">{te("invalid_token")}</Notice>
        )}
      </Card>
    </div>
  );
}
