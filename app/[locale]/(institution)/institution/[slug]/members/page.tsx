import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { listStaff } from "@/lib/institutions/queries";
import { InviteForm, RemoveRoleForm } from "./_components/member-forms";

export default async function MembersPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}/members`);
  const { institution, members, invitations } = await orNotFound(listStaff(viewer, slug));
  const [t, tr, format, locale] = await Promise.all([
    getTranslations("staff"),
    getTranslations("roles"),
    getFormatter(),
    getLocale(),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle>
        {t("membersTitle")} · {locale === "zh-CN" ? institution.nameZh : institution.nameEn}
      </PageTitle>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-2 pr-4">
                  {t("person")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("actions")}
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={`${m.userId}-${m.role}`} className="border-b border-slate-100">
                  <td className="py-2 pr-4">
                    {m.name} <span className="text-slate-600">&lt;{m.email}&gt;</span> ·{" "}
                    {tr(m.role)}
                  </td>
                  <td className="py-2 pr-4">
                    <RemoveRoleForm
                      slug={slug}
                      userId={m.userId}
                      role={m.role}
                      label={t("remove", { role: tr(m.role), name: m.name })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">{t("inviteTitle")}</h2>
        <InviteForm slug={slug} />
      </Card>
      {invitations.length > 0 && (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t("invitations")}</h2>
          <ul className="space-y-1 text-sm">
            {invitations.map((i) => (
              <li key={i.id}>
                {i.email} · {tr(i.role)} ·{" "}
                {i.acceptedAt
                  ? t("accepted")
                  : `${t("pending")}, ${t("expires", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}`}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
