import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { SignInForm } from "../_components/sign-in-form";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; reset?: string; signedOut?: string }>;
}) {
  const [t, sp] = await Promise.all([getTranslations("auth"), searchParams]);
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signInTitle")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("signInIntro")}</p>
        {sp.reset && (
          <div className="mb-4">
            <Notice tone="success">{t("passwordChanged")}</Notice>
          </div>
        )}
        {sp.signedOut && (
          <div className="mb-4">
            <Notice>{t("signedOut")}</Notice>
          </div>
        )}
        <SignInForm next={typeof sp.next === "string" ? sp.next : undefined} />
        <div className="mt-6 space-y-1 text-sm">
          <p>
            <Link href="/reset-password" className="text-brand-700 underline">
              {t("forgot")}
            </Link>
          </p>
          <p>
            {t("noAccount")}{" "}
            <Link href="/sign-up" className="text-brand-700 underline">
              {t("signUpButton")}
            </Link>
          </p>
        </div>
      </Card>
    </div>
  );
}
