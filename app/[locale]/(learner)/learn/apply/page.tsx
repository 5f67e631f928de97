import { getTranslations } from "next-intl/server";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { viewerOrSignIn } from "@/lib/page-guards";
import { ApplyForm } from "../_components/apply-form";

export default async function ApplyPage() {
  const viewer = await viewerOrSignIn("/learn/apply");
  const [t, te] = await Promise.all([getTranslations("learn"), getTranslations("errors")]);
  return (
    <div className="mx-auto max-w-2xl">
      <PageTitle>{t("applyTitle")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("applyIntro")}</p>
        {viewer.emailVerified ? (
          <ApplyForm />
        ) : (
          <Notice tone="error">{te("email_not_verified")}</Notice>
        )}
      </Card>
    </div>
  );
}
