import { getTranslations } from "next-intl/server";
import type { Money, PublicResource } from "@/lib/catalogue/queries";
import { formatDate, formatMoney } from "@/lib/format";
import { getAllianceTimeZone } from "@/lib/time/alliance-zone";

const row = "grid gap-1 py-3 sm:grid-cols-[14rem_1fr]";
const term = "font-medium text-slate-800";

/** Prices for a learner, for institutions per seat and per year, then when and how many. */
export async function ResourceOffers({
  resource,
  locale,
}: {
  resource: PublicResource;
  locale: string;
}) {
  const [t, timeZone] = await Promise.all([getTranslations("resourcePage"), getAllianceTimeZone()]);
  const { learner, seat, siteLicence } = resource.offers;
  const money = (m: Money) =>
    m.amountMinor === 0 ? t("free") : formatMoney(m.amountMinor, m.currency, locale);
  const opens = resource.enrolOpensAt
    ? formatDate(new Date(resource.enrolOpensAt), locale, timeZone)
    : null;
  const closes = resource.enrolClosesAt
    ? formatDate(new Date(resource.enrolClosesAt), locale, timeZone)
    : null;
  const window =
    opens && closes
      ? t("enrolBetween", { from: opens, to: closes })
      : opens
        ? t("enrolFrom", { date: opens })
        : closes
          ? t("enrolUntil", { date: closes })
          : t("enrolAnyTime");

  return (
    <section aria-labelledby="offers" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="offers" className="text-xl font-semibold">
        {t("offersTitle")}
      </h2>
      <dl className="mt-2 divide-y divide-slate-100">
        {!learner && !seat && !siteLicence && (
          <div className={row}>
            <dt className={term}>{t("prices")}</dt>
            <dd>{t("noOffers")}</dd>
          </div>
        )}
        {learner && (
          <div className={row}>
            <dt className={term}>{t("learnerOffer")}</dt>
            <dd className="text-lg font-semibold text-slate-900">{money(learner)}</dd>
          </div>
        )}
        {seat && (
          <div className={row}>
            <dt className={term}>{t("seatOffer")}</dt>
            <dd>
              {t("seatValue", { price: money(seat), min: seat.minQuantity })}
              <span className="block text-sm text-slate-700">
                {t("licenceTerm", { months: seat.termMonths })}
              </span>
            </dd>
          </div>
        )}
        {siteLicence && (
          <div className={row}>
            <dt className={term}>{t("siteLicenceOffer")}</dt>
            <dd>
              {t("siteLicenceValue", { price: money(siteLicence) })}
              <span className="block text-sm text-slate-700">
                {t("licenceTerm", { months: siteLicence.termMonths })}
              </span>
            </dd>
          </div>
        )}
        <div className={row}>
          <dt className={term}>{t("enrolment")}</dt>
          <dd>{window}</dd>
        </div>
        <div className={row}>
          <dt className={term}>{t("capacity")}</dt>
          <dd>
            {resource.capacity === null
              ? t("unlimited")
              : t("capacityValue", { count: resource.capacity })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
