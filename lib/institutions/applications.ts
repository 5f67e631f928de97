import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { institutionApplications, institutionMembers, institutions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { canOnPlatform } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-principal";
import { sendMail } from "@/lib/mail";
import { appUrl } from "@/lib/accounts/service";
import { isLocale } from "@/i18n/routing";
import { applyForMembershipSchema, decideApplicationSchema } from "./schemas";

function requireVerified(viewer: Viewer) {
  if (!viewer.emailVerified) {
    throw new AppError("FORBIDDEN", "email_not_verified", "Verify your e-mail address first");
  }
}

/** A signed-in person with a verified address applies for an institution to join. */
export async function applyForMembership(
  viewer: Viewer,
  input: unknown,
): Promise<{ applicationId: string }> {
  requireVerified(viewer);
  const data = parseInput(applyForMembershipSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inst] = await tx
      .insert(institutions)
      .values({
        slug: data.slug,
        nameZh: data.nameZh,
        nameEn: data.nameEn,
        kind: data.kind,
        website: data.website ?? null,
        status: "applicant",
      })
      .onConflictDoNothing({ target: institutions.slug })
      .returning({ id: institutions.id });
    if (!inst) {
      throw new AppError("CONFLICT", "validation", "slug: taken", {
        fields: { slug: { code: "taken" } },
      });
    }
    const [app] = await tx
      .insert(institutionApplications)
      .values({ institutionId: inst.id, applicantId: viewer.userId, message: data.message })
      .returning({ id: institutionApplications.id });
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "institution.apply",
      targetType: "institution_application",
      targetId: app!.id,
      institutionId: inst.id,
      after: data,
    });
    return { applicationId: app!.id };
  });
}

/** The alliance admin approves (applicant becomes owner) or rejects with a reason. */
export async function decideApplication(viewer: Viewer, input: unknown): Promise<void> {
  if (!canOnPlatform(viewer, "members:decide_applications")) throw forbidden();
  const data = parseInput(decideApplicationSchema, input);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [app] = await tx
      .select({
        id: institutionApplications.id,
        status: institutionApplications.status,
        institutionId: institutionApplications.institutionId,
        applicantId: institutionApplications.applicantId,
      })
      .from(institutionApplications)
      .where(eq(institutionApplications.id, data.applicationId))
      .for("update");
    if (!app) throw notFound("Application not found");
    if (app.status !== "pending") {
      throw new AppError("CONFLICT", "already_decided", "This application was already decided");
    }
    const decided = {
      decidedBy: viewer.userId,
      decidedAt: now(),
      decisionReason: data.reason ?? null,
    };
    if (data.decision === "approve") {
      await tx
        .update(institutions)
        .set({ status: "member", updatedAt: now() })
        .where(eq(institutions.id, app.institutionId));
      await tx
        .insert(institutionMembers)
        .values({ institutionId: app.institutionId, userId: app.applicantId, role: "owner" })
        .onConflictDoNothing();
    }
    await tx
      .update(institutionApplications)
      .set({ status: data.decision === "approve" ? "approved" : "rejected", ...decided })
      .where(
        and(eq(institutionApplications.id, app.id), eq(institutionApplications.status, "pending")),
      );
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: data.decision === "approve" ? "institution.approve" : "institution.reject",
      targetType: "institution_application",
      targetId: app.id,
      institutionId: app.institutionId,
      before: { status: "pending" },
      after: {
        status: data.decision === "approve" ? "approved" : "rejected",
        reason: data.reason ?? null,
      },
    });
    const [info] = await tx
      .select({
        email: users.email,
        locale: users.locale,
        slug: institutions.slug,
        nameZh: institutions.nameZh,
        nameEn: institutions.nameEn,
      })
      .from(users)
      .innerJoin(institutions, eq(institutions.id, app.institutionId))
      .where(eq(users.id, app.applicantId));
    if (!info) return;
    const l = isLocale(info.locale) ? info.locale : "zh-CN";
    const institution = l === "zh-CN" ? info.nameZh : info.nameEn;
    // The decision and its mail commit together.
    await sendMail(
      tx,
      info.email,
      l,
      data.decision === "approve"
        ? {
            kind: "application_approved",
            institution,
            link: appUrl(l, `/institution/${info.slug}`),
          }
        : { kind: "application_rejected", institution, reason: data.reason },
    );
  });
}
