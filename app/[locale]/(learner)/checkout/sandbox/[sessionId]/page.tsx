import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PageTitle } from "@/components/ui/card";
import { getSandboxSession } from "@/lib/commerce/queries";
import { formatMoney } from "@/lib/format";
import { sandboxAllowed } from "@/lib/payments";
import { viewerOrSignIn } from "@/lib/page-guards";
import { SandboxDecision } from "./_components/sandbox-decision";

type Props = { params: Promise<{ sessionId: string }> };

/** The sandbox's checkout page: clearly test mode; confirm or decline, no money moves. */
export default async function SandboxCheckoutPage({ params }: Props) {
  const { sessionId } = await params;
  const viewer = await viewerOrSignIn(`/checkout/sandbox/${sessionId}`);
  const view = sandboxAllowed() ? await getSandboxSession(viewer, sessionId) : null;
  if (!view) notFound();
  const { session } = view;
  const [t, locale] = await Promise.all([getTranslations("sandbox"), getLocale()]);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <p
        role="note"
        className="rounded-md border-2 border-dashed border-amber-600 bg-amber-50 p-4 font-semibold text-amber-950"
      >
        {t("testMode")}
      </p>
      <PageTitle>{t("title")}</PageTitle>
      <ul className="space-y-1">
        {view.lines.map((l) => (
          <li key={l.id} className="flex justify-between gap-4">
            <span>
              {locale === "zh-CN" ? l.titleZh : l.titleEn} × {l.quantity}
            </span>
            <span>{formatMoney(l.amountMinor, view.order.currency, locale)}</span>
          </li>
        ))}
      </ul>
      <p className="text-lg font-semibold">
        {t("total", { amount: formatMoney(session.amountMinor, session.currency, locale) })}
      </p>
      {session.status === "open" ? (
        <SandboxDecision sessionId={session.id} />
      ) : (
        <p>{t(`closed_${session.status}`)}</p>
      )}
    </div>
  );
}
