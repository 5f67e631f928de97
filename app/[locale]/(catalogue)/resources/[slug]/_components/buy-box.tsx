import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import type { PublicResource } from "@/lib/catalogue/queries";
import { canAtInstitution } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/viewer";
import { liveEnrolmentOn } from "@/lib/commerce/queries";
import { formatMoney } from "@/lib/format";
import { LearnerBuyForm, InstitutionBuyForm } from "./buy-forms";

/**
 * How to get the resource: sign in; buy or enrol as a learner; buy seats or a site licence for
 * an institution one buys for. A member of the selling institution is told why it cannot buy.
 */
export async function BuyBox({ resource, locale }: { resource: PublicResource; locale: string }) {
  const [t, viewer] = await Promise.all([getTranslations("buy"), getViewer()]);
  const { learner, seat, siteLicence } = resource.offers;
  if (!learner && !seat && !siteLicence) return null;
  const price = (m: { amountMinor: number; currency: string }) =>
    m.amountMinor === 0 ? t("free") : formatMoney(m.amountMinor, m.currency, locale);
  const name = (m: { nameZh: string; nameEn: string }) =>
    locale === "zh-CN" ? m.nameZh : m.nameEn;
  if (!viewer) {
    return (
      <section aria-labelledby="buy" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="buy" className="mb-3 text-xl font-semibold">
          {t("title")}
        </h2>
        <Link
          href={`/sign-in?next=${encodeURIComponent(`/${locale}/resources/${resource.slug}`)}`}
          className="text-brand-700 underline"
        >
          {t("signInToBuy")}
        </Link>
      </section>
    );
  }
  const enrolled = await liveEnrolmentOn(viewer, resource.id);
  const buyers = viewer.memberships.filter(
    (m) => m.status === "member" && canAtInstitution(viewer, "orders:buy", m.institutionId),
  );
  const own = buyers.find((m) => m.slug === resource.institution.slug);
  const others = buyers.filter((m) => m.slug !== resource.institution.slug);
  const institutionalOffers = [
    seat && { kind: "seat" as const, ...seat, label: t("seatPrice", { price: price(seat) }) },
    siteLicence && {
      kind: "site_licence" as const,
      ...siteLicence,
      minQuantity: 1,
      label: t("sitePrice", { price: price(siteLicence) }),
    },
  ].filter((x) => !!x);

  return (
    <section aria-labelledby="buy" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="buy" className="mb-3 text-xl font-semibold">
        {t("title")}
      </h2>
      {learner &&
        (enrolled ? (
          <p className="mb-4">
            {t("enrolled")}{" "}
            <Link href="/learn" className="text-brand-700 underline">
              {t("myLearning")}
            </Link>
          </p>
        ) : !viewer.emailVerified ? (
          <p className="mb-4 text-slate-700">{t("verifyFirst")}</p>
        ) : (
          <LearnerBuyForm
            resourceId={resource.id}
            amountMinor={learner.amountMinor}
            currency={learner.currency}
            label={
              learner.amountMinor === 0 ? t("enrolFree") : t("buyFor", { price: price(learner) })
            }
          />
        ))}
      {own && institutionalOffers.length > 0 && (
        <p className="mt-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" role="note">
          {t("ownResource", { institution: name(own) })}
        </p>
      )}
      {others.length > 0 && institutionalOffers.length > 0 && (
        <InstitutionBuyForm
          resourceId={resource.id}
          institutions={others.map((m) => ({ slug: m.slug, name: name(m) }))}
          offers={institutionalOffers.map((o) => ({
            kind: o.kind,
            amountMinor: o.amountMinor,
            currency: o.currency,
            minQuantity: o.minQuantity ?? 1,
            label: o.label,
          }))}
        />
      )}
    </section>
  );
}
