import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { SignUpForm } from "../_components/sign-up-form";

export default async function SignUpPage() {
  const t = await getTranslations("auth");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signUpTitle")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("signUpIntro")}</p>
        <SignUpForm />
        <p className="mt-6 text-sm">
          {t("haveAccount")}{" "}
          <Link href="/sign-in" className="text-brand-700 underline">
            {t("signInButton")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
