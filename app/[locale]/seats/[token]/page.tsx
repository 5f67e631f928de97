import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { getSeatInvitation } from "@/lib/licences/accept";
import { AcceptSeatForm } from "./accept-form";

/**
 * A seat invitation's link. Signed out: sign in, or sign up with the invited address and come
 * back. Signed in with another address: only that it is for another address.
 */
export default async function SeatPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, locale, format, viewer, inv] = await Promise.all([
    getTranslations("licences.accept"),
    getLocale(),
    getFormatter(),
    getViewer(),
    getSeatInvitation(token),
  ]);
  const here = `/${locale}/seats/${token}`;
  const zh = locale === "zh-CN";
  let body: ReactNode;
  if (!inv) {
    body = <Notice tone="error">{t("invalid")}</Notice>;
  } else if (viewer && viewer.email !== inv.email) {
    body = <Notice tone="error">{t("otherAddress")}</Notice>;
  } else {
    const vars = {
      institution: zh ? inv.institution.zh : inv.institution.en,
      resource: zh ? inv.resource.zh : inv.resource.en,
      email: inv.email,
    };
    body = (
      <>
        <p className="mb-2">{inv.site ? t("siteBody", vars) : t("body", vars)}</p>
        {inv.state !== "open" ? (
          <Notice tone="error">{t(`state_${inv.state}`)}</Notice>
        ) : (
          <>
            <p className="mb-4 text-sm text-slate-700">
              {t("expires", { date: format.dateTime(inv.expiresAt, { dateStyle: "medium" }) })}
            </p>
            {!viewer ? (
              <div className="space-y-3">
                <p>
                  {t("signInPrompt", { email: inv.email })}{" "}
                  <Link
                    href={`/sign-in?next=${encodeURIComponent(here)}`}
                    className="text-brand-700 underline"
                  >
                    {t("signIn")}
                  </Link>
                </p>
                <p>
                  {t("signUpPrompt", { email: inv.email })}{" "}
                  <Link
                    href={`/sign-up?next=${encodeURIComponent(here)}`}
                    className="text-brand-700 underline"
                  >
                    {t("signUp")}
                  </Link>
                </p>
              </div>
            ) : !viewer.emailVerified ? (
              <Notice>{t("unverified")}</Notice>
            ) : (
              <AcceptSeatForm token={token} />
            )}
          </>
        )}
      </>
    );
  }
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle>{t("title")}</PageTitle>
      <Card>{body}</Card>
    </div>
  );
}
