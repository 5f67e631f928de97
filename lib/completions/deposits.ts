import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { completions, credentials, enrolments, ledgerEntries } from "@/db/schema";
import { now } from "@/lib/clock";
import { setCredentialStatus } from "@/lib/credentials/status";
import { appendEntry } from "@/lib/ledger/append";

/** The deposit a completion made (none for a fail or a 0-credit pass), and its credential. */
export async function depositOf(tx: Tx, completionId: string) {
  const [entry] = await tx
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.completionId, completionId), eq(ledgerEntries.kind, "deposit")));
  const [credential] = await tx
    .select({ id: credentials.id })
    .from(credentials)
    .where(eq(credentials.completionId, completionId));
  return { entry: entry ?? null, credentialId: credential?.id ?? null };
}

/**
 * Undo the live passes of enrolments the caller has locked (with their orders before them):
 * each pass is voided with `reason`, its deposit gets exactly one `reversal` (none if it was
 * already reversed or expired: the `reverses` index is unique) and its credential is revoked.
 * Used by corrections, refunds after completion and lost disputes. Returns the reversal entries.
 */
export async function reversePasses(
  tx: Tx,
  enrolmentIds: string[],
  opts: { reason: string; actorId: string | null; actingInstitutionId?: string | null },
): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const at = now();
  const passes = await tx
    .select()
    .from(completions)
    .where(
      and(
        inArray(completions.enrolmentId, enrolmentIds),
        eq(completions.outcome, "pass"),
        isNull(completions.voidedAt),
      ),
    )
    .orderBy(completions.enrolmentId);
  const reversed: string[] = [];
  for (const pass of passes) {
    await tx
      .update(completions)
      .set({ voidedAt: at, voidedBy: opts.actorId, voidReason: opts.reason })
      .where(eq(completions.id, pass.id));
    const { entry } = await depositOf(tx, pass.id);
    if (entry) {
      const [undone] = await tx
        .select({ id: ledgerEntries.id })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.reversesEntryId, entry.id));
      if (!undone) {
        const reversal = await appendEntry(tx, entry.accountId, {
          kind: "reversal",
          creditsX100: -entry.creditsX100,
          level: entry.level,
          fieldCode: entry.fieldCode,
          sourceInstitutionId: entry.sourceInstitutionId,
          actingInstitutionId: opts.actingInstitutionId ?? null,
          resourceId: entry.resourceId,
          resourceVersionId: entry.resourceVersionId,
          enrolmentId: entry.enrolmentId,
          completionId: entry.completionId,
          titleZh: entry.titleZh,
          titleEn: entry.titleEn,
          reversesEntryId: entry.id,
        });
        reversed.push(reversal.id);
      }
    }
  }
  await setCredentialStatus(
    tx,
    passes.map((p) => p.id),
    "revoked",
    opts.reason,
  );
  return reversed;
}

/** Live passes of locked enrolments, to suspend or reinstate their credentials (disputes). */
export async function livePassIds(tx: Tx, enrolmentIds: string[]): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await tx
    .select({ id: completions.id })
    .from(completions)
    .innerJoin(enrolments, eq(enrolments.id, completions.enrolmentId))
    .where(
      and(
        inArray(completions.enrolmentId, enrolmentIds),
        eq(completions.outcome, "pass"),
        isNull(completions.voidedAt),
      ),
    );
  return rows.map((r) => r.id);
}
