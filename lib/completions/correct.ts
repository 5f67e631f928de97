import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { completions, enrolments } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { withInstitutionById } from "@/lib/institutions/with-institution";
import { parseInput } from "@/lib/validation";
import { reversePasses } from "./deposits";
import { voidCompletionSchema } from "./schemas";
import { findTarget, lockTarget } from "./target";

/**
 * A correction (PRODUCT.md §7): the publishing institution's registrar, or the alliance admin,
 * voids a completion with a reason. A voided pass writes one reversal of its deposit and revokes
 * its credential; the enrolment is open again, so a new pass may deposit again.
 */
export async function voidCompletion(
  viewer: Viewer,
  input: unknown,
): Promise<{ reversalIds: string[] }> {
  const data = parseInput(voidCompletionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(completions).where(eq(completions.id, data.completionId));
    if (!c) throw notFound("Completion not found");
    const asAdmin = canOnPlatform(viewer, "completions:correct_any");
    if (!asAdmin) {
      await withInstitutionById(
        tx,
        { type: "user", viewer },
        c.institutionId,
        "completions:record",
      );
    }
    const { enrolment } = await lockTarget(
      tx,
      await findTarget(tx, { enrolmentId: c.enrolmentId }),
    );
    const [current] = await tx.select().from(completions).where(eq(completions.id, c.id));
    if (current!.voidedAt) {
      throw new AppError("CONFLICT", "completion_voided", "The completion was already corrected");
    }
    let reversalIds: string[] = [];
    if (current!.outcome === "pass") {
      reversalIds = await reversePasses(tx, [enrolment.id], {
        reason: `correction: ${data.reason}`,
        actorId: viewer.userId,
        actingInstitutionId: asAdmin ? null : c.institutionId,
      });
      if (enrolment.status === "completed") {
        await tx
          .update(enrolments)
          .set({ status: "active", updatedAt: now() })
          .where(eq(enrolments.id, enrolment.id));
      }
    } else {
      await tx
        .update(completions)
        .set({ voidedAt: now(), voidedBy: viewer.userId, voidReason: `correction: ${data.reason}` })
        .where(eq(completions.id, c.id));
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "completion.voided",
      targetType: "enrolment",
      targetId: enrolment.id,
      institutionId: c.institutionId,
      before: { completionId: c.id, outcome: c.outcome },
      after: { reason: data.reason, reversalIds, by: asAdmin ? "admin" : "registrar" },
    });
    return { reversalIds };
  });
}
