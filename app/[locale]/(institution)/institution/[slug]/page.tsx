import { getLocale, getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import { Card, PageTitle } from "@/components/ui/card";
import { orNotFound, viewerOrSignIn } from "@/lib/page-guards";
import { getStaffInstitution } from "@/lib/institutions/queries";
import { canAtInstitution, type InstitutionPermission } from "@/lib/auth/permissions";

const sections: { key: string; permission: InstitutionPermission; href?: string }[] = [
  { key: "section_members", permission: "institution:manage_members", href: "/members" },
  { key: "section_resources", permission: "resources:edit" },
  { key: "section_completions", permission: "completions:record", href: "/completions" },
  { key: "section_licences", permission: "licences:manage", href: "/licences" },
  { key: "section_domains", permission: "institution:edit_profile", href: "/domains" },
];

// Money pages (messages in finance.json): sales and refunds, statements, the fapiao queue,
// what the institution bought, and its Stripe Connect payouts.
const financeLinks: { key: string; permission: InstitutionPermission; href: string }[] = [
  { key: "sales", permission: "orders:view", href: "/sales" },
  { key: "statements", permission: "payouts:view", href: "/statements" },
  { key: "invoices", permission: "invoices:issue", href: "/invoices" },
  { key: "purchases", permission: "orders:view", href: "/purchases" },
  { key: "payouts", permission: "payouts:onboard", href: "/payouts" },
];

export default async function StaffHomePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await viewerOrSignIn(`/institution/${slug}`);
  const inst = await orNotFound(getStaffInstitution(viewer, slug));
  const [t, tr, tf, locale] = await Promise.all([
    getTranslations("staff"),
    getTranslations("roles"),
    getTranslations("finance.nav"),
    getLocale(),
  ]);
  const roles = viewer.memberships.find((m) => m.institutionId === inst.id)?.roles ?? [];
  const mine = sections.filter((s) => canAtInstitution(viewer, s.permission, inst.id));
  const money = financeLinks.filter((s) => canAtInstitution(viewer, s.permission, inst.id));
  return (
    <div className="space-y-6">
      <PageTitle>{t("title", { name: locale === "zh-CN" ? inst.nameZh : inst.nameEn })}</PageTitle>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("yourRoles")}</h2>
        <p>{roles.map((r) => tr(r)).join(", ")}</p>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">{t("sections")}</h2>
        <ul className="list-disc space-y-1 pl-6">
          {mine.map((s) => (
            <li key={s.key}>
              {s.href ? (
                <Link href={`/institution/${slug}${s.href}`} className="text-brand-700 underline">
                  {t(s.key)}
                </Link>
              ) : (
                t(s.key)
              )}
            </li>
          ))}
          {money.map((s) => (
            <li key={s.key}>
              <Link href={`/institution/${slug}${s.href}`} className="text-brand-700 underline">
                {tf(s.key)}
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
