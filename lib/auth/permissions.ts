/**
 * Permissions are data (PRODUCT.md §2): one list, one role → permissions map, one `can()`.
 * Services call `assertCan` themselves; the UI only uses `can` to hide what would be refused.
 */
export const institutionRoles = ["owner", "editor", "registrar", "finance"] as const;
export type InstitutionRole = (typeof institutionRoles)[number];

export const platformRoles = ["admin", "finance"] as const;
export type PlatformRole = (typeof platformRoles)[number];

export const institutionPermissions = [
  "institution:view_staff_area",
  "institution:manage_members",
  "institution:manage_api_keys",
  "institution:edit_profile",
  "resources:edit",
  "completions:record",
  "transfers:decide",
  "rules:manage",
  "orders:view",
  "licences:manage",
  "payouts:view",
  "orders:buy",
  "orders:refund",
  "invoices:issue",
  "payouts:onboard",
] as const;
export type InstitutionPermission = (typeof institutionPermissions)[number];

export const platformPermissions = [
  "alliance:view_office",
  "members:decide_applications",
  "resources:review",
  "standard:edit",
  "figures:view",
  "audit:view",
  "accounts:manage",
  "payments:record_transfer",
  "statements:settle",
  "totals:view",
  "jobs:manage",
  "orders:refund_any",
  "refunds:allocate",
  "domains:confirm",
  "completions:correct_any",
  "ledger:verify",
] as const;
export type PlatformPermission = (typeof platformPermissions)[number];

export const institutionRolePermissions: Record<InstitutionRole, readonly InstitutionPermission[]> =
  {
    owner: institutionPermissions,
    editor: ["institution:view_staff_area", "resources:edit"],
    registrar: [
      "institution:view_staff_area",
      "completions:record",
      "transfers:decide",
      "rules:manage",
    ],
    finance: [
      "institution:view_staff_area",
      "orders:view",
      "licences:manage",
      "payouts:view",
      "orders:buy",
      "orders:refund",
      "invoices:issue",
      "payouts:onboard",
    ],
  };

export const platformRolePermissions: Record<PlatformRole, readonly PlatformPermission[]> = {
  admin: [
    "alliance:view_office",
    "members:decide_applications",
    "resources:review",
    "standard:edit",
    "figures:view",
    "audit:view",
    "accounts:manage",
    "totals:view",
    "jobs:manage",
    "completions:correct_any",
    "orders:refund_any",
    "domains:confirm",
    // Checkpoints and the verifier (/admin/ledger): harmless, but the office's business.
    "ledger:verify",
  ],
  finance: [
    "alliance:view_office",
    "payments:record_transfer",
    "statements:settle",
    "totals:view",
    "refunds:allocate",
  ],
};

/** What `can` needs to know about a person; the viewer read from the database fits it. */
export type Principal = {
  emailVerified: boolean;
  isDisabled?: boolean;
  platformRoles: readonly PlatformRole[];
  memberships: readonly { institutionId: string; roles: readonly InstitutionRole[] }[];
};

// Staff and office rights need a verified e-mail address (PRODUCT.md §2).
function holdsRights(p: Principal | null): p is Principal {
  return p !== null && p.emailVerified && !p.isDisabled;
}

export function canAtInstitution(
  p: Principal | null,
  permission: InstitutionPermission,
  institutionId: string,
): boolean {
  if (!holdsRights(p)) return false;
  const m = p.memberships.find((x) => x.institutionId === institutionId);
  return !!m && m.roles.some((r) => institutionRolePermissions[r].includes(permission));
}

export function canOnPlatform(p: Principal | null, permission: PlatformPermission): boolean {
  if (!holdsRights(p)) return false;
  return p.platformRoles.some((r) => platformRolePermissions[r].includes(permission));
}
