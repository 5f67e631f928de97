import { canAtInstitution, canOnPlatform, type Principal } from "./permissions";

export type NavItem = {
  href: string;
  label:
    | "learn"
    | "credits"
    | "staffArea"
    | "members"
    | "office"
    | "applications"
    | "standard"
    | "audit"
    | "accounts"
    | "resources"
    | "apiKeys"
    | "reviews"
    | "officeFinance"
    | "sales"
    | "statements"
    | "jobs"
    | "licences"
    | "domains"
    | "officeDomains"
    | "completions"
    | "ledger";
  params?: Record<string, string>;
};

type NavPrincipal = Principal & {
  memberships: readonly (Principal["memberships"][number] & {
    slug: string;
    nameZh: string;
    nameEn: string;
  })[];
};

/** The navigation a signed-in person sees follows their roles (what the services would allow). */
export function navFor(p: NavPrincipal, locale: string): NavItem[] {
  const items: NavItem[] = [
    { href: "/learn", label: "learn" },
    { href: "/learn/credits", label: "credits" },
  ];
  for (const m of p.memberships) {
    if (!canAtInstitution(p, "institution:view_staff_area", m.institutionId)) continue;
    const name = locale === "zh-CN" ? m.nameZh : m.nameEn;
    items.push({ href: `/institution/${m.slug}`, label: "staffArea", params: { name } });
    if (canAtInstitution(p, "resources:edit", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/resources`, label: "resources" });
    }
    if (canAtInstitution(p, "institution:manage_members", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/members`, label: "members" });
    }
    if (canAtInstitution(p, "completions:record", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/completions`, label: "completions" });
    }
    if (canAtInstitution(p, "institution:manage_api_keys", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/api-keys`, label: "apiKeys" });
    }
    if (canAtInstitution(p, "orders:view", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/sales`, label: "sales" });
    }
    if (canAtInstitution(p, "payouts:view", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/statements`, label: "statements" });
    }
    if (canAtInstitution(p, "licences:manage", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/licences`, label: "licences" });
    }
    if (canAtInstitution(p, "institution:edit_profile", m.institutionId)) {
      items.push({ href: `/institution/${m.slug}/domains`, label: "domains" });
    }
  }
  if (canOnPlatform(p, "alliance:view_office")) items.push({ href: "/admin", label: "office" });
  if (canOnPlatform(p, "members:decide_applications")) {
    items.push({ href: "/admin/applications", label: "applications" });
  }
  if (canOnPlatform(p, "resources:review"))
    items.push({ href: "/admin/reviews", label: "reviews" });
  if (canOnPlatform(p, "audit:view")) items.push({ href: "/admin/audit", label: "audit" });
  if (canOnPlatform(p, "accounts:manage"))
    items.push({ href: "/admin/accounts", label: "accounts" });
  if (canOnPlatform(p, "standard:edit")) items.push({ href: "/admin/standard", label: "standard" });
  if (canOnPlatform(p, "jobs:manage")) items.push({ href: "/admin/jobs", label: "jobs" });
  if (canOnPlatform(p, "domains:confirm")) {
    items.push({ href: "/admin/domains", label: "officeDomains" });
  }
  if (canOnPlatform(p, "ledger:verify")) items.push({ href: "/admin/ledger", label: "ledger" });
  if (canOnPlatform(p, "payments:record_transfer")) {
    items.push({ href: "/admin/finance", label: "officeFinance" });
  }
  return items;
}
