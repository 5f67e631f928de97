import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { SignUpForm } from "../_components/sign-up-form";

// Only a same-site path (as sign-in's `next`), so a crafted link cannot send anyone elsewhere.
const safeNext = (next: unknown) =>
  typeof next === "string" && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : undefined;

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const [t, tl, sp] = await Promise.all([
    getTranslations("auth"),
    getTranslations("licences.signUpReturn"),
    searchParams,
  ]);
  // Signing up from an invitation: after verifying, sign-in brings the person back to it.
  const next = safeNext(sp.next);
  const signIn = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>{t("signUpTitle")}</PageTitle>
      <Card>
        <p className="mb-4 text-slate-700">{t("signUpIntro")}</p>
        <SignUpForm />
        {next && (
          <p className="mt-6 text-sm">
            {tl("note")}{" "}
            <Link href={signIn} className="text-brand-700 underline">
              {tl("link")}
            </Link>
          </p>
        )}
        <p className="mt-6 text-sm">
          {t("haveAccount")}{" "}
          <Link href={signIn} className="text-brand-700 underline">
            {t("signInButton")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
