import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, Notice, PageTitle } from "@/components/ui/card";
import { RowActionForm } from "@/components/licences/row-action-form";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { canAtInstitution } from "@/lib/auth/permissions";
import { listLicences } from "@/lib/licences/queries";
import { revokeSeatInvitationAction } from "@/lib/licences/actions";
import { AssignForm } from "./_components/assign-form";

type Licence = Awaited<ReturnType<typeof listLicences>>["licences"][number];

export default async function LicencesPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/licences`);
  const { institution, licences } = await orNotFound(listLicences(viewer, slug));
  const [t, locale] = await Promise.all([getTranslations("licences.page"), getLocale()]);
  const zh = locale === "zh-CN";
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("title")} · {zh ? institution.nameZh : institution.nameEn}
      </PageTitle>
      <p className="text-slate-700">{t("intro")}</p>
      {canAtInstitution(viewer, "institution:edit_profile", institution.id) && (
        <p>
          <Link href={`/institution/${slug}/domains`} className="text-brand-700 underline">
            {t("domainsLink")}
          </Link>
        </p>
      )}
      {licences.length === 0 && <p>{t("none")}</p>}
      {licences.map((l) => (
        <LicenceCard key={l.id} slug={slug} licence={l} zh={zh} />
      ))}
    </div>
  );
}

async function LicenceCard({
  slug,
  licence: l,
  zh,
}: {
  slug: string;
  licence: Licence;
  zh: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("licences.page"), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  const site = l.kind === "site";
  const headingId = `licence-${l.id}`;
  return (
    <Card>
      <h2 id={headingId} className="text-lg font-semibold">
        {zh ? l.title.zh : l.title.en}
      </h2>
      <p className="text-sm text-slate-700">
        {site ? t("kind_site") : t("kind_seats")} · {t(`status_${l.status}`)} ·{" "}
        {t("term", { from: date(l.validFrom), to: date(l.validTo) })}
      </p>
      <p className="mt-2">
        {site
          ? t("siteSummary", { count: l.siteEnrolments })
          : t("seatSummary", {
              total: l.seatCount ?? 0,
              free: l.free,
              pending: l.pending.filter((p) => !p.expired).length,
              activated: l.seats.activated,
            })}
        {l.seats.refunded > 0 && <> · {t("refundedSeats", { count: l.seats.refunded })}</>}
      </p>
      {site && <p className="mt-1 text-sm text-slate-700">{t("siteNote")}</p>}
      {l.usable ? (
        <section aria-labelledby={`${headingId}-assign`} className="mt-4">
          <h3 id={`${headingId}-assign`} className="mb-2 font-semibold">
            {site ? t("inviteTitle") : t("assignTitle")}
          </h3>
          <AssignForm slug={slug} licenceId={l.id} site={site} />
        </section>
      ) : (
        <div className="mt-4">
          <Notice>{t("termOver")}</Notice>
        </div>
      )}
      {l.pending.length > 0 && (
        <section aria-labelledby={`${headingId}-pending`} className="mt-6">
          <h3 id={`${headingId}-pending`} className="mb-2 font-semibold">
            {t("pendingTitle")}
          </h3>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-2 pr-4">
                    {t("email")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("expires")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {l.pending.map((p) => (
                  <tr key={p.id} className="border-b border-slate-100">
                    <td className="py-2 pr-4">{p.email}</td>
                    <td className="py-2 pr-4">{p.expired ? t("expired") : date(p.expiresAt)}</td>
                    <td className="py-2 pr-4">
                      <RowActionForm
                        action={revokeSeatInvitationAction}
                        fields={{ institutionSlug: slug, invitationId: p.id }}
                        label={t("revoke", { email: p.email })}
                        confirm={t("revokeConfirm", { email: p.email })}
                        done={t("revoked")}
                        variant="danger"
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {l.accepted.length > 0 && (
        <section aria-labelledby={`${headingId}-accepted`} className="mt-6">
          <h3 id={`${headingId}-accepted`} className="mb-2 font-semibold">
            {t("acceptedTitle")}
          </h3>
          <ul className="space-y-1 text-sm">
            {l.accepted.map((a) => (
              <li key={a.id}>
                {a.email}
                {a.acceptedAt && (
                  <>
                    {" "}
                    · {t("acceptedOn")} {date(a.acceptedAt)}
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Card>
  );
}
