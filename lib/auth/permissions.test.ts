import { describe, expect, it } from "vitest";
import {
  canAtInstitution,
  canOnPlatform,
  institutionPermissions,
  platformPermissions,
  type InstitutionPermission,
  type InstitutionRole,
  type PlatformPermission,
  type PlatformRole,
  type Principal,
} from "./permissions";

const A = "inst-a";
const B = "inst-b";

function staff(roles: InstitutionRole[], extra: Partial<Principal> = {}): Principal {
  return {
    emailVerified: true,
    platformRoles: [],
    memberships: [{ institutionId: A, roles }],
    ...extra,
  };
}

function office(roles: PlatformRole[], extra: Partial<Principal> = {}): Principal {
  return { emailVerified: true, platformRoles: roles, memberships: [], ...extra };
}

// Written out here rather than read from the module, so a change to the map breaks a test.
const expectedInstitution: Record<InstitutionRole, InstitutionPermission[]> = {
  owner: [...institutionPermissions],
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

const expectedPlatform: Record<PlatformRole, PlatformPermission[]> = {
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

function grantedAt(p: Principal, institutionId: string): InstitutionPermission[] {
  return institutionPermissions.filter((perm) => canAtInstitution(p, perm, institutionId));
}

function grantedOnPlatform(p: Principal): PlatformPermission[] {
  return platformPermissions.filter((perm) => canOnPlatform(p, perm));
}

describe("canAtInstitution", () => {
  it("gives the owner every institution permission", () => {
    const owner = staff(["owner"]);
    for (const perm of institutionPermissions) {
      expect(canAtInstitution(owner, perm, A), perm).toBe(true);
    }
    expect(institutionPermissions).toContain("institution:manage_members");
    expect(institutionPermissions).toContain("institution:manage_api_keys");
  });

  it.each(Object.entries(expectedInstitution) as [InstitutionRole, InstitutionPermission[]][])(
    "gives %s exactly its listed permissions",
    (role, expected) => {
      expect(grantedAt(staff([role]), A).sort()).toEqual([...expected].sort());
    },
  );

  it("denies the editor, registrar and finance roles every permission outside their list", () => {
    for (const role of ["editor", "registrar", "finance"] as const) {
      const p = staff([role]);
      const others = institutionPermissions.filter((x) => !expectedInstitution[role].includes(x));
      expect(others.length).toBeGreaterThan(0);
      for (const perm of others)
        expect(canAtInstitution(p, perm, A), `${role} ${perm}`).toBe(false);
    }
  });

  it("unites the permissions of several roles held at once", () => {
    const p = staff(["editor", "finance"]);
    expect(grantedAt(p, A).sort()).toEqual(
      [...new Set([...expectedInstitution.editor, ...expectedInstitution.finance])].sort(),
    );
    expect(canAtInstitution(p, "institution:manage_members", A)).toBe(false);
  });

  it("gives nothing at institution B for roles held at institution A", () => {
    for (const role of ["owner", "editor", "registrar", "finance"] as const) {
      expect(grantedAt(staff([role]), B), role).toEqual([]);
    }
  });

  it("keeps roles at two institutions apart", () => {
    const p: Principal = {
      emailVerified: true,
      platformRoles: [],
      memberships: [
        { institutionId: A, roles: ["editor"] },
        { institutionId: B, roles: ["finance"] },
      ],
    };
    expect(canAtInstitution(p, "resources:edit", A)).toBe(true);
    expect(canAtInstitution(p, "resources:edit", B)).toBe(false);
    expect(canAtInstitution(p, "payouts:view", B)).toBe(true);
    expect(canAtInstitution(p, "payouts:view", A)).toBe(false);
  });

  it("gives nothing to an owner whose e-mail is not verified", () => {
    expect(grantedAt(staff(["owner"], { emailVerified: false }), A)).toEqual([]);
  });

  it("gives nothing to a disabled owner", () => {
    expect(grantedAt(staff(["owner"], { isDisabled: true }), A)).toEqual([]);
  });

  it("gives nothing to nobody", () => {
    expect(canAtInstitution(null, "institution:view_staff_area", A)).toBe(false);
  });

  it("gives platform roles no institution permission", () => {
    const p = office(["admin", "finance"]);
    expect(grantedAt(p, A)).toEqual([]);
  });
});

describe("canOnPlatform", () => {
  it.each(Object.entries(expectedPlatform) as [PlatformRole, PlatformPermission[]][])(
    "gives the %s platform role exactly its listed permissions",
    (role, expected) => {
      expect(grantedOnPlatform(office([role])).sort()).toEqual([...expected].sort());
    },
  );

  it("keeps money moves from the admin and reviews from finance", () => {
    const admin = office(["admin"]);
    const finance = office(["finance"]);
    expect(canOnPlatform(admin, "payments:record_transfer")).toBe(false);
    expect(canOnPlatform(admin, "statements:settle")).toBe(false);
    expect(canOnPlatform(finance, "members:decide_applications")).toBe(false);
    expect(canOnPlatform(finance, "audit:view")).toBe(false);
    expect(canOnPlatform(finance, "standard:edit")).toBe(false);
    expect(canOnPlatform(finance, "resources:review")).toBe(false);
  });

  it("gives both platform roles together every platform permission", () => {
    expect(grantedOnPlatform(office(["admin", "finance"])).sort()).toEqual(
      [...platformPermissions].sort(),
    );
  });

  it("gives nothing to an unverified or disabled admin, or to nobody", () => {
    expect(grantedOnPlatform(office(["admin"], { emailVerified: false }))).toEqual([]);
    expect(grantedOnPlatform(office(["admin", "finance"], { isDisabled: true }))).toEqual([]);
    expect(canOnPlatform(null, "alliance:view_office")).toBe(false);
  });

  it("gives an institution owner no platform permission", () => {
    expect(grantedOnPlatform(staff(["owner"]))).toEqual([]);
  });
});
