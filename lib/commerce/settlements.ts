import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { institutions, settlements } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { canOnPlatform } from "@/lib/auth/permissions";
import { now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { readAllianceTimeZone } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import { recordSettlementSchema } from "./finance-schemas";
import { statementPeriod, statementRows } from "./statements";

/**
 * Alliance finance records paying a seller by bank what its statement for a finished month says
 * is to be settled by bank (PRODUCT.md §6). The amount is the statement's, computed in the same
 * transaction, never typed; one settlement per (seller, month, currency) — the unique index
 * decides between two at once — and a bank reference is not used twice.
 */
export async function recordSettlement(viewer: Viewer, input: unknown) {
  if (!canOnPlatform(viewer, "statements:settle")) throw forbidden();
  const data = parseInput(recordSettlementSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await lockRows(tx, "institution", institutions, [data.institutionId], "share");
    if (found.length === 0) throw notFound("Institution not found");
    const at = now();
    const timeZone = await readAllianceTimeZone(tx);
    const period = statementPeriod(data.period, timeZone, at);
    if (period.end > at) {
      throw new AppError("CONFLICT", "period_not_over", "The month is not over yet");
    }
    const [row] = (await statementRows(tx, period, data.institutionId)).filter(
      (r) => r.currency === data.currency,
    );
    const amount = row?.bankMinor ?? 0;
    if (amount <= 0) {
      throw new AppError("CONFLICT", "nothing_to_settle", "Nothing is to be paid by bank");
    }
    const [reused] = await tx
      .select({ id: settlements.id })
      .from(settlements)
      .where(eq(settlements.reference, data.reference));
    if (reused) {
      throw new AppError("CONFLICT", "reference_used", "This bank reference is already recorded", {
        fields: { reference: { code: "taken" } },
      });
    }
    const [made] = await tx
      .insert(settlements)
      .values({
        institutionId: data.institutionId,
        period: period.label,
        currency: data.currency,
        amountMinor: amount,
        reference: data.reference,
        settledBy: viewer.userId,
        settledAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: settlements.id });
    if (!made) {
      throw new AppError("CONFLICT", "already_settled", "This month is already settled");
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "statement.settled",
      targetType: "settlement",
      targetId: made.id,
      institutionId: data.institutionId,
      after: {
        period: period.label,
        currency: data.currency,
        amountMinor: amount,
        reference: data.reference,
      },
    });
    return { settlementId: made.id, amountMinor: amount };
  });
}

/** The settlements of one seller for a month (tests and pages). */
export async function settlementsOf(institutionId: string, period: string) {
  const db = await getDb();
  return db
    .select()
    .from(settlements)
    .where(and(eq(settlements.institutionId, institutionId), eq(settlements.period, period)));
}
