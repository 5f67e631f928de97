import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Tx } from "@/db";
import { auditLog, completions, credentials, enrolments, ledgerEntries } from "@/db/schema";
import { auditRows } from "@/lib/audit";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import {
  credentialRows,
  storeCredentials,
  type CredentialFactsRow,
  type CredentialToIssue,
} from "@/lib/credentials/issue";
import { anyUuid, jsonInsert } from "@/lib/db/json-rows";
import { chainEntries, lockHeads } from "@/lib/ledger/append";
import type { CompletionInput } from "./schemas";
import type { Verdict } from "./rule";
import type { LockedTarget } from "./target";
import type { BatchResult, CompletionRecorded, CompletionSource } from "./record-batch";

/** A result to record: its place in the batch, its locked enrolment, verdict and facts. */
export type Fresh = {
  i: number;
  t: LockedTarget;
  verdict: Verdict;
  accountId: string;
  facts: CredentialFactsRow;
};
type Context = { actor: Actor; institutionId: string; source: CompletionSource; at: Date };

/**
 * Write new results (their enrolments locked): every completion row, the passes' enrolments
 * marked completed, their deposits chained onto the learners' accounts (locked here, the last of
 * the lock order), their credentials and the audit rows — in one statement after the accounts'
 * heads are read, so a batch of any size costs the same few round trips. Fills `out`.
 */
export async function writeFresh(
  tx: Tx,
  ctx: Context,
  items: readonly CompletionInput[],
  fresh: readonly Fresh[],
  out: BatchResult[],
): Promise<void> {
  if (fresh.length === 0) return;
  const { actor, institutionId, source, at } = ctx;
  const rows = fresh.map(({ i, t, verdict }) => {
    const data = items[i]!;
    return {
      id: randomUUID(),
      enrolmentId: t.enrolment.id,
      institutionId,
      scoreX100: data.score ?? null,
      attendancePct: data.attendancePct ?? null,
      completedOn: data.completedOn,
      evidenceUrl: data.evidenceUrl ?? null,
      outcome: verdict.outcome,
      reason: verdict.reason,
      source,
      recordedBy: actorUserId(actor),
      apiKeyId: actor.type === "api_key" ? actor.keyId : null,
      createdAt: at,
    };
  });
  const passes = fresh.flatMap((f, k) =>
    f.verdict.outcome === "pass" ? [{ f, row: rows[k]! }] : [],
  );
  // A 0-credit pass issues a credential but writes no entry (PRODUCT.md §7).
  const paying = passes.filter((p) => p.f.t.enrolment.creditsX100 > 0);
  const heads = await lockHeads(
    tx,
    paying.map((p) => p.f.accountId),
  );
  const entries = chainEntries(
    heads,
    paying.map(({ f, row }) => ({
      accountId: f.accountId,
      entry: {
        kind: "deposit" as const,
        creditsX100: f.t.enrolment.creditsX100,
        level: f.t.enrolment.level,
        fieldCode: f.t.enrolment.fieldCode,
        sourceInstitutionId: f.t.resource.institutionId,
        actingInstitutionId: institutionId,
        resourceId: f.t.resource.id,
        resourceVersionId: f.t.enrolment.resourceVersionId,
        enrolmentId: f.t.enrolment.id,
        completionId: row.id,
        scoreX100: row.scoreX100,
        completedOn: row.completedOn,
        titleZh: f.t.version.titleZh,
        titleEn: f.t.version.titleEn,
      },
    })),
  );
  const entryOf = new Map(entries.map((e) => [e.completionId!, e.id]));
  const toIssue: CredentialToIssue[] = passes.map(({ f, row }) => ({
    completionId: row.id,
    accountId: f.accountId,
    entryId: entryOf.get(row.id) ?? null,
    at,
    facts: f.facts,
    result: { scoreX100: row.scoreX100, completedOn: row.completedOn },
  }));
  const issued = credentialRows(toIssue);
  const audits = auditRows(
    fresh.map((f, k) => ({
      actorId: actorUserId(actor),
      action: "completion.recorded",
      targetType: "enrolment",
      targetId: f.t.enrolment.id,
      institutionId,
      after: {
        completionId: rows[k]!.id,
        outcome: f.verdict.outcome,
        reason: f.verdict.reason,
        source,
        depositedX100: entryOf.has(rows[k]!.id) ? f.t.enrolment.creditsX100 : 0,
        ...(actor.type === "api_key" ? { apiKeyId: actor.keyId } : {}),
      },
    })),
  );
  const parts: SQL[] = [
    sql`c as (${jsonInsert(completions, rows)})`,
    sql`a as (${jsonInsert(auditLog, audits)})`,
  ];
  if (passes.length) {
    const ids = passes.map((p) => p.f.t.enrolment.id);
    parts.push(sql`e as (update ${enrolments} set status = 'completed', updated_at = ${at.toISOString()}::timestamptz
      where ${anyUuid(enrolments.id, ids)})`);
  }
  if (entries.length) parts.push(sql`l as (${jsonInsert(ledgerEntries, entries)})`);
  // One statement: the sub-statements see one snapshot, and the foreign keys are checked at its
  // end, when every row of the batch is in.
  const inserted = await selectRows<{ completion_id: string }>(
    tx,
    sql`with ${sql.join(parts, sql`, `)} ${
      issued.length
        ? sql`${jsonInsert(credentials, issued)}
            on conflict (status_index) do nothing returning completion_id`
        : sql`select null::uuid as completion_id where false`
    }`,
  );
  // A place in the revocation list already taken: those credentials draw again.
  const ids = await storeCredentials(tx, toIssue, {
    rows: issued,
    inserted: inserted.map((r) => r.completion_id),
  });
  const credentialOf = new Map(toIssue.map((p, k) => [p.completionId, ids[k]!.id]));
  fresh.forEach((f, k) => {
    const row = rows[k]!;
    const entryId = entryOf.get(row.id) ?? null;
    out[f.i] = {
      completionId: row.id,
      enrolmentId: f.t.enrolment.id,
      outcome: f.verdict.outcome,
      reason: f.verdict.reason,
      status: "recorded",
      depositedX100: entryId ? f.t.enrolment.creditsX100 : 0,
      entryId,
      credentialId: credentialOf.get(row.id) ?? null,
    } satisfies CompletionRecorded;
  });
}
