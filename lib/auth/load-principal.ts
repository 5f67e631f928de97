import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { institutionMembers, institutions, platformRoleGrants, users } from "@/db/schema";
import type { InstitutionRole, PlatformRole, Principal } from "./permissions";
import { isSessionLive, sessionClaimsSchema } from "./sessions";

export type Membership = {
  institutionId: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  status: "applicant" | "member" | "suspended";
  roles: InstitutionRole[];
};

/** The signed-in person as the services see them, read fresh from the database. */
export type Viewer = Omit<Principal, "memberships" | "platformRoles"> & {
  userId: string;
  email: string;
  name: string;
  locale: string;
  sessionVersion: number;
  platformRoles: PlatformRole[];
  memberships: Membership[];
};

/**
 * Load a person with their roles. `sessionVersion` must match the token's: a reset password,
 * a disabled account or a removed role bumps it, and the old token stops at the next request.
 */
export async function loadViewer(
  db: DbOrTx,
  userId: string,
  sessionVersion: number,
): Promise<Viewer | null> {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      emailVerifiedAt: users.emailVerifiedAt,
      sessionVersion: users.sessionVersion,
      isDisabled: users.isDisabled,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user || user.isDisabled || user.sessionVersion !== sessionVersion) return null;

  const [grants, rows] = await Promise.all([
    db
      .select({ role: platformRoleGrants.role })
      .from(platformRoleGrants)
      .where(eq(platformRoleGrants.userId, userId)),
    db
      .select({
        institutionId: institutions.id,
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
        status: institutions.status,
        role: institutionMembers.role,
      })
      .from(institutionMembers)
      .innerJoin(institutions, eq(institutions.id, institutionMembers.institutionId))
      .where(eq(institutionMembers.userId, userId)),
  ]);

  const memberships = new Map<string, Membership>();
  for (const r of rows) {
    const m = memberships.get(r.institutionId) ?? { ...r, roles: [] };
    m.roles.push(r.role);
    memberships.set(r.institutionId, m);
  }
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    sessionVersion: user.sessionVersion,
    emailVerified: user.emailVerifiedAt !== null,
    isDisabled: user.isDisabled,
    platformRoles: grants.map((g) => g.role),
    // A suspended institution's staff keep nothing but the view of their own membership.
    memberships: [...memberships.values()].map((m) =>
      m.status === "member" ? m : { ...m, roles: [] },
    ),
  };
}

/**
 * The viewer of a session token's claims (user id, session version, session id), or null when
 * the session was ended by signing out, has expired, never existed, or the token predates
 * session ids. Called on every request.
 */
export async function loadSessionViewer(db: DbOrTx, claims: unknown): Promise<Viewer | null> {
  const parsed = sessionClaimsSchema.safeParse(claims);
  if (!parsed.success) return null;
  if (!(await isSessionLive(db, parsed.data))) return null;
  return loadViewer(db, parsed.data.userId, parsed.data.sessionVersion);
}
