import { randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadViewer, type Viewer } from "@/lib/auth/load-principal";
import type { InstitutionRole, PlatformRole } from "@/lib/auth/permissions";

export const PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | undefined;

export function uniqueEmail(prefix = "user"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

export function uniqueSlug(prefix = "inst"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function createUser(
  opts: { email?: string; verified?: boolean; platformRole?: PlatformRole; locale?: string } = {},
) {
  const db = await getDb();
  cachedHash ??= hashPassword(PASSWORD);
  const [user] = await db
    .insert(s.users)
    .values({
      email: opts.email ?? uniqueEmail(),
      name: "Test Person",
      passwordHash: await cachedHash,
      locale: opts.locale ?? "en",
      emailVerifiedAt: opts.verified === false ? null : sql`now()`,
    })
    .returning();
  if (opts.platformRole) {
    await db.insert(s.platformRoleGrants).values({ userId: user!.id, role: opts.platformRole });
  }
  return user!;
}

export async function createInstitution(status: "member" | "applicant" | "suspended" = "member") {
  const db = await getDb();
  const slug = uniqueSlug();
  const [inst] = await db
    .insert(s.institutions)
    .values({
      slug,
      nameZh: `测试机构 ${slug}`,
      nameEn: `Test Institution ${slug}`,
      kind: "university",
      status,
    })
    .returning();
  return inst!;
}

export async function addMember(institutionId: string, userId: string, role: InstitutionRole) {
  const db = await getDb();
  await db.insert(s.institutionMembers).values({ institutionId, userId, role });
}

/** The viewer as a fresh request would see it (null when the session is no longer valid). */
export async function viewerFor(userId: string, sessionVersion?: number): Promise<Viewer | null> {
  const db = await getDb();
  const [u] = await db
    .select({ sv: s.users.sessionVersion })
    .from(s.users)
    .where(eq(s.users.id, userId));
  return loadViewer(db, userId, sessionVersion ?? u!.sv);
}

export async function mustViewer(userId: string): Promise<Viewer> {
  const v = await viewerFor(userId);
  if (!v) throw new Error("no viewer");
  return v;
}

export async function mailsTo(to: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.mailMessages)
    .where(and(eq(s.mailMessages.to, to), eq(s.mailMessages.transport, "mailbox")))
    .orderBy(desc(s.mailMessages.createdAt));
}

/** The token of the last link in the newest mail to `to` whose text matches `pathPart`. */
export async function tokenFromMail(to: string, pathPart: RegExp): Promise<string> {
  const [mail] = await mailsTo(to);
  if (!mail) throw new Error(`no mail to ${to}`);
  const m = pathPart.exec(mail.text ?? "");
  if (!m?.[1]) throw new Error(`no link matching ${pathPart} in: ${mail.text}`);
  return m[1];
}

export async function countRows(table: typeof s.users | typeof s.institutions | typeof s.auditLog) {
  const db = await getDb();
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(r!.n);
}

export async function auditFor(targetId: string) {
  const db = await getDb();
  return db
    .select()
    .from(s.auditLog)
    .where(and(eq(s.auditLog.targetId, targetId)));
}
