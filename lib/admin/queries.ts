import { count, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { auditLog, institutionApplications, institutions, users } from "@/db/schema";
import { forbidden } from "@/lib/errors";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";

export async function listAudit(viewer: Viewer, limit = 100) {
  if (!canOnPlatform(viewer, "audit:view")) throw forbidden();
  const db = await getDb();
  const actor = alias(users, "actor");
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorEmail: actor.email,
      institutionSlug: institutions.slug,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(institutions, eq(institutions.id, auditLog.institutionId))
    .orderBy(desc(auditLog.createdAt))
    .limit(limit);
}

/** Figures for the alliance office's overview page. */
export async function getOfficeOverview(viewer: Viewer) {
  if (!canOnPlatform(viewer, "totals:view")) throw forbidden();
  const db = await getDb();
  const [byStatus, pending, people] = await Promise.all([
    db
      .select({ status: institutions.status, n: count() })
      .from(institutions)
      .groupBy(institutions.status),
    db
      .select({ n: count() })
      .from(institutionApplications)
      .where(eq(institutionApplications.status, "pending")),
    db.select({ n: count() }).from(users),
  ]);
  const of = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  return {
    members: of("member"),
    suspended: of("suspended"),
    pendingApplications: pending[0]?.n ?? 0,
    accounts: people[0]?.n ?? 0,
  };
}
