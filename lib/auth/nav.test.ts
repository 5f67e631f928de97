import { describe, expect, it } from "vitest";
import { navFor } from "./nav";
import type { InstitutionRole, PlatformRole } from "./permissions";

type NavPrincipal = Parameters<typeof navFor>[0];
type Membership = NavPrincipal["memberships"][number];

const jade = {
  institutionId: "inst-jade",
  slug: "jade-college",
  nameZh: "翡翠学院",
  nameEn: "Jade College",
};

function person(
  opts: {
    roles?: InstitutionRole[];
    platformRoles?: PlatformRole[];
    emailVerified?: boolean;
  } = {},
): NavPrincipal {
  return {
    emailVerified: opts.emailVerified ?? true,
    platformRoles: opts.platformRoles ?? [],
    memberships: opts.roles ? [{ ...jade, roles: opts.roles }] : [],
  };
}

const hrefs = (p: NavPrincipal, locale = "en") => navFor(p, locale).map((i) => i.href);

describe("navFor", () => {
  it("shows a learner only their learning and credits", () => {
    expect(navFor(person(), "en")).toEqual([
      { href: "/learn", label: "learn" },
      { href: "/learn/credits", label: "credits" },
    ]);
  });

  it("shows an owner the staff area, resources, members, completions, API keys, money pages, licences and domains", () => {
    expect(navFor(person({ roles: ["owner"] }), "en")).toEqual([
      { href: "/learn", label: "learn" },
      { href: "/learn/credits", label: "credits" },
      { href: "/institution/jade-college", label: "staffArea", params: { name: "Jade College" } },
      { href: "/institution/jade-college/resources", label: "resources" },
      { href: "/institution/jade-college/members", label: "members" },
      { href: "/institution/jade-college/completions", label: "completions" },
      { href: "/institution/jade-college/api-keys", label: "apiKeys" },
      { href: "/institution/jade-college/sales", label: "sales" },
      { href: "/institution/jade-college/statements", label: "statements" },
      { href: "/institution/jade-college/licences", label: "licences" },
      { href: "/institution/jade-college/domains", label: "domains" },
    ]);
  });

  it("shows an editor the staff area and resources but not members or API keys", () => {
    expect(hrefs(person({ roles: ["editor"] }))).toEqual([
      "/learn",
      "/learn/credits",
      "/institution/jade-college",
      "/institution/jade-college/resources",
    ]);
  });

  it("shows registrar and finance staff the staff area without members; registrars completions, finance its licences", () => {
    expect(hrefs(person({ roles: ["registrar"] }))).toEqual([
      "/learn",
      "/learn/credits",
      "/institution/jade-college",
      "/institution/jade-college/completions",
    ]);
    expect(hrefs(person({ roles: ["finance"] }))).toEqual([
      "/learn",
      "/learn/credits",
      "/institution/jade-college",
      "/institution/jade-college/sales",
      "/institution/jade-college/statements",
      "/institution/jade-college/licences",
    ]);
  });

  it("shows the admin the office, applications, audit, accounts and standard but not finance", () => {
    const h = hrefs(person({ platformRoles: ["admin"] }));
    expect(h).toEqual([
      "/learn",
      "/learn/credits",
      "/admin",
      "/admin/applications",
      "/admin/reviews",
      "/admin/audit",
      "/admin/accounts",
      "/admin/standard",
      "/admin/jobs",
      "/admin/domains",
      "/admin/ledger",
    ]);
    expect(h).not.toContain("/admin/finance");
  });

  it("shows alliance finance the office and finance but not applications or audit", () => {
    const h = hrefs(person({ platformRoles: ["finance"] }));
    expect(h).toEqual(["/learn", "/learn/credits", "/admin", "/admin/finance"]);
    expect(h).not.toContain("/admin/applications");
    expect(h).not.toContain("/admin/audit");
    expect(h).not.toContain("/admin/standard");
  });

  it("lists /admin once for someone holding both platform roles", () => {
    const h = hrefs(person({ platformRoles: ["admin", "finance"] }));
    expect(h.filter((x) => x === "/admin")).toHaveLength(1);
    expect(h).toContain("/admin/finance");
    expect(h).toContain("/admin/applications");
  });

  it("shows unverified staff and office members only their learning and credits", () => {
    const p = person({
      roles: ["owner"],
      platformRoles: ["admin", "finance"],
      emailVerified: false,
    });
    expect(hrefs(p)).toEqual(["/learn", "/learn/credits"]);
  });

  it("shows disabled staff only their learning and credits", () => {
    const p = { ...person({ roles: ["owner"], platformRoles: ["admin"] }), isDisabled: true };
    expect(hrefs(p)).toEqual(["/learn", "/learn/credits"]);
  });

  it("names the staff area in the page's language", () => {
    const owner = person({ roles: ["owner"] });
    const zh = navFor(owner, "zh-CN").find((i) => i.label === "staffArea");
    const en = navFor(owner, "en").find((i) => i.label === "staffArea");
    expect(zh?.params).toEqual({ name: "翡翠学院" });
    expect(en?.params).toEqual({ name: "Jade College" });
  });

  it("gives one staff area per institution where the person is staff", () => {
    const memberships: Membership[] = [
      { ...jade, roles: ["editor"] },
      {
        institutionId: "inst-pine",
        slug: "pine-university",
        nameZh: "松树大学",
        nameEn: "Pine University",
        roles: ["owner"],
      },
      { institutionId: "inst-none", slug: "no-roles", nameZh: "无", nameEn: "None", roles: [] },
    ];
    const p: NavPrincipal = { emailVerified: true, platformRoles: [], memberships };
    expect(hrefs(p)).toEqual([
      "/learn",
      "/learn/credits",
      "/institution/jade-college",
      "/institution/jade-college/resources",
      "/institution/pine-university",
      "/institution/pine-university/resources",
      "/institution/pine-university/members",
      "/institution/pine-university/completions",
      "/institution/pine-university/api-keys",
      "/institution/pine-university/sales",
      "/institution/pine-university/statements",
      "/institution/pine-university/licences",
      "/institution/pine-university/domains",
    ]);
  });
});
