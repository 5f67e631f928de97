import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { licences, resourceVersions } from "@/db/schema";
import { lockRows } from "@/lib/db/lock-order";
import { notFound } from "@/lib/errors";
import { LicenceError } from "./errors";

export type LockedLicence = typeof licences.$inferSelect & { titleZh: string; titleEn: string };

/**
 * Lock a licence row FOR UPDATE and read it with its resource's titles. Every change to a
 * licence's seats or invitations takes this lock, so assigners, revokers and acceptors of one
 * licence run one after another and the free-seat count read here stays true until commit.
 */
export async function lockLicence(tx: Tx, licenceId: string): Promise<LockedLicence | null> {
  await lockRows(tx, "licence", licences, [licenceId]);
  const [row] = await tx
    .select({ l: licences, titleZh: resourceVersions.titleZh, titleEn: resourceVersions.titleEn })
    .from(licences)
    .innerJoin(resourceVersions, eq(resourceVersions.id, licences.resourceVersionId))
    .where(eq(licences.id, licenceId));
  return row ? { ...row.l, titleZh: row.titleZh, titleEn: row.titleEn } : null;
}

/** The licence held by `institutionId`, else NOT_FOUND (another institution's is not shown). */
export function ownLicence(lic: LockedLicence | null, institutionId: string): LockedLicence {
  if (!lic || lic.licenseeInstitutionId !== institutionId) throw notFound("Licence not found");
  return lic;
}

/** New assignments and activations need an active licence within its term. */
export function assertUsable(lic: LockedLicence, at: Date): void {
  if (lic.status !== "active") {
    throw new LicenceError("CONFLICT", "licence_inactive", `The licence is ${lic.status}`);
  }
  if (at < lic.validFrom || at >= lic.validTo) {
    throw new LicenceError("CONFLICT", "licence_term_over", "The licence's term is over", {
      validTo: lic.validTo.toISOString(),
    });
  }
}
