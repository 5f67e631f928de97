import { and, asc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { licenceSeats, seatInvitations } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { now } from "@/lib/clock";
import { lockLicence } from "./licence-rows";

/**
 * For a refund of `count` seats of a licence (PRODUCT.md §6: a refund before activation takes
 * unused seats), inside the refund's transaction, which holds the order's lock first (lock
 * order: order → licence). Unassigned seats go first, then assigned ones, whose pending
 * invitations are revoked so their links stop working. Activated seats are never taken: the
 * answer says how many were, so the caller refunds no more than that.
 */
export async function refundUnusedSeats(
  tx: Tx,
  licenceId: string,
  count: number,
  actorId: string | null,
): Promise<{ refunded: number; seatIds: string[] }> {
  const lic = await lockLicence(tx, licenceId);
  if (!lic || count <= 0) return { refunded: 0, seatIds: [] };
  const at = now();
  const unused = await tx
    .select({ id: licenceSeats.id, state: licenceSeats.state })
    .from(licenceSeats)
    .where(
      and(
        eq(licenceSeats.licenceId, licenceId),
        inArray(licenceSeats.state, ["unassigned", "assigned"]),
      ),
    )
    .orderBy(asc(licenceSeats.seatNo));
  const taken = [
    ...unused.filter((x) => x.state === "unassigned"),
    ...unused.filter((x) => x.state === "assigned"),
  ].slice(0, count);
  const seatIds = taken.map((x) => x.id);
  if (seatIds.length === 0) return { refunded: 0, seatIds };
  await tx
    .update(licenceSeats)
    .set({ state: "refunded", updatedAt: at })
    .where(inArray(licenceSeats.id, seatIds));
  const revoked = await tx
    .update(seatInvitations)
    .set({ status: "revoked", decidedAt: at })
    .where(and(inArray(seatInvitations.seatId, seatIds), eq(seatInvitations.status, "pending")))
    .returning({ id: seatInvitations.id });
  await writeAudit(tx, {
    actorId,
    action: "licence.refund_seats",
    targetType: "licence",
    targetId: licenceId,
    institutionId: lic.licenseeInstitutionId,
    after: { seatIds, revokedInvitations: revoked.map((r) => r.id) },
  });
  return { refunded: seatIds.length, seatIds };
}
