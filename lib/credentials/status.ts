import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { credentials, type CredentialStatus } from "@/db/schema";
import { now } from "@/lib/clock";

/**
 * Change the status of the credential issued for a completion: `suspended` while a dispute is
 * open, `active` when it is won, `revoked` for good (a refund, a lost dispute, a correction).
 * Revoked is final. The status list and /verify read the column, so the change shows at once.
 */
export async function setCredentialStatus(
  tx: Tx,
  completionIds: string[],
  status: CredentialStatus,
  reason: string,
): Promise<void> {
  if (completionIds.length === 0) return;
  const from: CredentialStatus[] = status === "active" ? ["suspended"] : ["active", "suspended"];
  await tx
    .update(credentials)
    .set({ status, statusReason: reason, updatedAt: now() })
    .where(
      and(inArray(credentials.completionId, completionIds), inArray(credentials.status, from)),
    );
}

export async function credentialOfCompletion(tx: Tx, completionId: string) {
  const [row] = await tx
    .select()
    .from(credentials)
    .where(eq(credentials.completionId, completionId));
  return row ?? null;
}
