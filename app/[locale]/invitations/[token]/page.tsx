import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { findOpenInvitation } from "@/lib/institutions/staff";
import { isAppError } from "@/lib/errors";
import { AcceptInvitationForm } from "./accept-form";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, tr, locale, viewer] = await Promise.all([
    getTranslations("invitation"),
    getTranslations("roles"),
    getLocale(),
    getViewer(),
  ]);
  const inv = await findOpenInvitation(token).catch((e: unknown) => {
    if (isAppError(e)) return null;
    throw e;
  });
  const institution = inv ? (locale === "zh-CN" ? inv.nameZh : inv.nameEn) : "";
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{t("title")}</PageTitle>
      <Card>
        {!inv ? (
          <Notice tone="error">{t("invalid")}</Notice>
        ) : (
          <>
            <p className="mb-4">
              {t("body", { institution, email: inv.email, role: tr(inv.role) })}
            </p>
            {viewer && viewer.email === inv.email ? (
              <AcceptInvitationForm token={token} institution={institution} />
            ) : (
              <p>
                <Link
                  href={`/sign-in?next=${encodeURIComponent(`/${locale}/invitations/${token}`)}`}
                  className="text-brand-700 underline"
                >
                  {t("signInFirst", { email: inv.email })}
                </Link>
              </p>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
