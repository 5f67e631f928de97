import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Tx } from "@/db";
import { auditLog, completions, credentials, enrolments, ledgerEntries } from "@/db/schema";
import { auditRows } from "@/lib/audit";
import { actorUserId, type Actor } from "@/lib/auth/actor";
import {
  templatesInsert,
  credentialRows,
  storeCredentials,
  type CredentialFactsRow,
  type CredentialToIssue,
} from "@/lib/credentials/issue";
import type { SharedTemplate } from "@/lib/credentials/stored";
import { anyUuid, jsonInsert } from "@/lib/db/json-rows";
import { chainEntries, lockHeads, type Heads } from "@/lib/ledger/append";
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
  // Read for every result; a pass's are checked to name its account (record-batch.ts).
  facts: CredentialFactsRow | undefined;
};
type Context = { actor: Actor; institutionId: string; source: CompletionSource; at: Date };

/**
 * Write new results (their enrolments locked): every completion row, the passes' enrolments
 * marked completed, their deposits chained onto the learners' accounts (locked here, the last of
 * the lock order), their credentials and the audit rows — in two statements, so a batch of any
 * size costs the same few round trips. Fills `out`.
 */
export async function writeFresh(
  tx: Tx,
  ctx: Context,
  items: readonly CompletionInput[],
  fresh: readonly Fresh[],
  out: BatchResult[],
  // The accounts' heads when the caller locked every learner's account already.
  locked: Promise<Heads> | null,
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
  // A 0-credit pass issues a credential but writes no entry (PRODUCT.md §7). Each deposit's id is
  // drawn now: the audit row and the credential name it before the chain is built.
  const entryOf = new Map(
    passes.flatMap((p) => (p.f.t.enrolment.creditsX100 > 0 ? [[p.row.id, randomUUID()]] : [])),
  );
  // First statement: what needs no account's head. The second (or the accounts' locks, when the
  // caller has not taken them) goes out right behind it on the connection (the driver writes at
  // the next turn of the event loop), so the server runs both without a round trip between.
  const first = selectRows(tx, completionsStatement(ctx, fresh, rows, entryOf));
  first.catch(() => {}); // handled below, after the second step: never an unhandled rejection
  try {
    await chainAndIssue(tx, { at, institutionId, locked }, passes, entryOf, out, fresh, rows);
  } catch (e) {
    await first; // its failure, if it failed, is the cause of this one
    throw e;
  }
  await first;
}

type Pass = { f: Fresh; row: { id: string; scoreX100: number | null; completedOn: string } };

/** The completions, their audit rows and the passes' enrolments marked completed: one statement. */
function completionsStatement(
  ctx: Context,
  fresh: readonly Fresh[],
  rows: readonly (typeof completions.$inferInsert & { id: string })[],
  entryOf: ReadonlyMap<string, string>,
): SQL {
  const { actor, institutionId, source, at } = ctx;
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
  const passed = fresh.filter((f) => f.verdict.outcome === "pass").map((f) => f.t.enrolment.id);
  if (passed.length) {
    parts.push(sql`e as (update ${enrolments} set status = 'completed', updated_at = ${at.toISOString()}::timestamptz
      where ${anyUuid(enrolments.id, passed)})`);
  }
  // Data-modifying CTEs run whether or not the statement reads them.
  return sql`with ${sql.join(parts, sql`, `)} select null where false`;
}

/** The passes' credentials built, the accounts locked, the deposits chained; the second statement. */
async function chainAndIssue(
  tx: Tx,
  { at, institutionId, locked }: { at: Date; institutionId: string; locked: Promise<Heads> | null },
  passes: readonly Pass[],
  entryOf: ReadonlyMap<string, string>,
  out: BatchResult[],
  fresh: readonly Fresh[],
  rows: readonly { id: string }[],
): Promise<void> {
  const toIssue: CredentialToIssue[] = passes.map(({ f, row }) => ({
    completionId: row.id,
    accountId: f.accountId,
    entryId: entryOf.get(row.id) ?? null,
    at,
    facts: f.facts!,
    result: { scoreX100: row.scoreX100, completedOn: row.completedOn },
  }));
  const templates = new Map<string, SharedTemplate>();
  const issued = credentialRows(toIssue, templates);
  const paying = passes.filter((p) => entryOf.has(p.row.id));
  // Locked and read by the caller already; else, only for deposits (fails and 0-credit passes
  // have no account to lock and no head to read).
  let heads: Heads = new Map();
  if (locked) heads = await locked;
  else if (paying.length) {
    heads = await lockHeads(
      tx,
      paying.map((p) => p.f.accountId),
    );
  }
  const entries = chainEntries(
    heads,
    paying.map(({ f, row }) => ({
      id: entryOf.get(row.id)!,
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
  const inserted = issued.length
    ? await selectRows<{ completion_id: string }>(
        tx,
        sql`with ${entries.length ? sql`l as (${jsonInsert(ledgerEntries, entries)}), ` : sql``}${templatesInsert([...templates.values()])} ${jsonInsert(credentials, issued)}
          on conflict (status_index) do nothing returning completion_id`,
      )
    : [];
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
