import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { anyUuid } from "@/lib/db/json-rows";
import {
  completions,
  credentials,
  enrolments,
  learningAccounts,
  ledgerEntries,
  type LedgerEntryRow,
} from "@/db/schema";
import { lockRows } from "@/lib/db/lock-order";
import { now } from "@/lib/clock";
import { setCredentialStatus } from "@/lib/credentials/status";
import { appendEntry } from "@/lib/ledger/append";

type Deposit = { entry: LedgerEntryRow | null; credentialId: string | null };

/** The deposit a completion made (none for a fail or a 0-credit pass), and its credential. */
export async function depositOf(tx: Tx, completionId: string): Promise<Deposit> {
  return (await depositsOf(tx, [completionId])).get(completionId)!;
}

/** `depositOf` for several completions, in two statements sent together. */
export async function depositsOf(
  tx: Tx,
  completionIds: readonly string[],
): Promise<Map<string, Deposit>> {
  const ids = [...new Set(completionIds)];
  const [entries, issued] = ids.length
    ? await Promise.all([
        tx
          .select()
          .from(ledgerEntries)
          // The kind as a literal: a generic plan can then use the partial index on deposits.
          .where(
            and(anyUuid(ledgerEntries.completionId, ids), sql`${ledgerEntries.kind} = 'deposit'`),
          ),
        tx
          .select({ id: credentials.id, completionId: credentials.completionId })
          .from(credentials)
          .where(anyUuid(credentials.completionId, ids)),
      ])
    : [[], []];
  return new Map(
    ids.map((id) => [
      id,
      {
        entry: entries.find((e) => e.completionId === id) ?? null,
        credentialId: issued.find((c) => c.completionId === id)?.id ?? null,
      },
    ]),
  );
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
  // Every learner's account locked up front, ascending: appending one by one in enrolment order
  // would lock accounts out of order (several learners under one licence or order).
  const deposits = passes.length
    ? await tx
        .select({ accountId: ledgerEntries.accountId })
        .from(ledgerEntries)
        .where(
          and(
            inArray(
              ledgerEntries.completionId,
              passes.map((p) => p.id),
            ),
            eq(ledgerEntries.kind, "deposit"),
          ),
        )
    : [];
  await lockRows(
    tx,
    "account",
    learningAccounts,
    deposits.map((d) => d.accountId),
  );
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
