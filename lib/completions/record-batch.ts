import { sql } from "drizzle-orm";
import { selectRows, type Tx } from "@/db";
import type { completions } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { now } from "@/lib/clock";
import { readCredentialFacts } from "@/lib/credentials/issue";
import { AppError, forbidden, isAppError, notFound } from "@/lib/errors";
import { uuidArray } from "@/lib/db/json-rows";
import { withInstitution, withInstitutionById } from "@/lib/institutions/with-institution";
import { ensureLearningAccounts } from "@/lib/ledger/accounts";
import { lockHeads } from "@/lib/ledger/append";
import { depositsOf } from "./deposits";
import { evaluateRule, type Verdict } from "./rule";
import type { CompletionInput } from "./schemas";
import { writeFresh, type Fresh } from "./record-write";
import { dayIn, enrolmentNotFound, findTargets, lockTargets, type LockedTarget } from "./target";

export type CompletionSource = "ui" | "csv" | "api";
export type CompletionRecorded = {
  completionId: string;
  enrolmentId: string;
  outcome: "pass" | "fail";
  reason: string | null;
  // `unchanged`: the same result was recorded before (a retry, a re-uploaded file).
  status: "recorded" | "unchanged";
  depositedX100: number;
  entryId: string | null;
  credentialId: string | null;
};

/** A result named an enrolment an earlier result of the same batch names: send it again. */
export const AGAIN = "again" as const;
export type BatchResult = CompletionRecorded | AppError | typeof AGAIN;

const conflict = (reason: string, message: string) => new AppError("CONFLICT", reason, message);
type Completion = Pick<
  typeof completions.$inferSelect,
  "id" | "enrolmentId" | "outcome" | "reason" | "scoreX100" | "attendancePct" | "completedOn"
>;

/**
 * Record results for enrolments (PRODUCT.md §7) in the caller's transaction, in a fixed number
 * of statements however many there are: each pass deposits the enrolment's credits into the
 * learner's account and issues the credential, with its completion. One answer per result, in
 * order: what was recorded, the AppError that refused that result alone (nothing of it is
 * written), or AGAIN. What refuses the whole batch (the actor may not record here) is thrown.
 * `institution` is the slug the staff member works at; an API key acts for its own institution.
 */
export async function recordCompletionsIn(
  tx: Tx,
  actor: Actor,
  institution: string | null,
  items: readonly CompletionInput[],
  source: CompletionSource,
): Promise<BatchResult[]> {
  // Every statement below reads rows by key: a cached generic plan is as good as a fresh one,
  // and planning the credential facts' joins anew each time cost more than the writes. And the
  // plan must use the keys' indexes whatever the statistics said when the connection made it:
  // one made while a table was small (a new database, a benchmark's first run) scanned the
  // whole table for every batch for as long as the connection lived. Sent first, ahead of the
  // rest on the connection (statements sent together run in order).
  const generic = selectRows(
    tx,
    sql`select set_config('plan_cache_mode', 'force_generic_plan', true),
      set_config('enable_seqscan', 'off', true)`,
  );
  generic.catch(() => {}); // awaited below
  // Lock order: institution → orders → enrolments → accounts.
  const institutionChecked =
    actor.type === "api_key"
      ? withInstitutionById(tx, actor, actor.institutionId, "completions:record")
      : institution
        ? withInstitution(tx, actor, institution, "completions:record")
        : Promise.reject(forbidden());
  institutionChecked.catch(() => {});
  // Enrolments named by id are looked up in the same round trip (a read: nothing is locked or
  // changed before the institution's check passes); by account number, they are looked up
  // among the institution's own enrolments once it is known.
  const byIdOnly = items.every((i) => i.enrolmentId);
  const early = byIdOnly ? findTargets(tx, items) : null;
  early?.catch(() => {});
  await generic;
  const inst = await institutionChecked;
  const targets = early ? await early : await findTargets(tx, items, inst.id);
  const out: BatchResult[] = items.map(() => AGAIN);
  const named = new Set<string>();
  const go: number[] = [];
  targets.forEach((t, i) => {
    if (!t) out[i] = enrolmentNotFound();
    else if (t.publisherId !== inst.id) {
      out[i] = new AppError(
        "FORBIDDEN",
        "not_your_enrolment",
        "The enrolment is on another institution's resource: only its publisher records results",
      );
    } else if (!named.has(t.id)) {
      named.add(t.id);
      go.push(i);
    } // else AGAIN: after this batch, when the earlier result is committed.
  });
  const goTargets = go.map((i) => targets[i]!);
  const locking = lockTargets(tx, goTargets);
  locking.catch(() => {});
  // The latest results and the credential facts, read in the same round trip as the locks and
  // behind them on the connection (so after the locks are held, seeing what their previous
  // holders committed) — unless a learner has no account yet: the facts name it, so they are
  // then read once it is opened below.
  const ids = goTargets.map((t) => t.id);
  const allHaveAccounts = goTargets.every((t) => t.accountId);
  const reads = allHaveAccounts
    ? Promise.all([latestResults(tx, ids), readCredentialFacts(tx, ids)])
    : null;
  reads?.catch(() => {});
  // And the learners' accounts, the last of the lock order, locked with their heads read in the
  // same round trip: every learner named may get a deposit. (A learner without an account
  // yet has it opened, locked and read below, after the checks.)
  const heads = allHaveAccounts
    ? lockHeads(
        tx,
        goTargets.map((t) => t.accountId!),
      )
    : null;
  heads?.catch(() => {});
  const locked = await locking;
  const at = now();
  const checked: { i: number; t: LockedTarget; verdict: Verdict }[] = [];
  for (const i of go) {
    const t = locked.get(targets[i]!.id);
    try {
      if (!t) throw notFound("Enrolment not found");
      checked.push({ i, t, verdict: check(t, items[i]!, at) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      out[i] = e;
    }
  }
  // Learners from before the ledger get their account now (sign-up opens one; rare).
  const missing = checked.filter((c) => !targets[c.i]!.accountId);
  const opened = await ensureLearningAccounts(
    tx,
    missing.map((c) => c.t.enrolment.userId),
  );
  const accountOf = (c: { i: number; t: LockedTarget }) =>
    targets[c.i]!.accountId ?? opened.get(c.t.enrolment.userId)!.id;
  const enrolmentIds = checked.map((c) => c.t.enrolment.id);
  const [latest, facts] = await (reads ??
    Promise.all([latestResults(tx, enrolmentIds), readCredentialFacts(tx, enrolmentIds)]));
  const fresh: Fresh[] = [];
  const same: { i: number; c: Completion }[] = [];
  for (const c of checked) {
    const data = items[c.i]!;
    const last = latest.get(c.t.enrolment.id);
    const unchanged =
      !!last &&
      last.scoreX100 === (data.score ?? null) &&
      last.attendancePct === (data.attendancePct ?? null) &&
      last.completedOn === data.completedOn;
    if (last && unchanged) same.push({ i: c.i, c: last });
    else if (last?.outcome === "pass") {
      out[c.i] = conflict(
        "already_passed",
        "The enrolment already has a pass: a different result needs a correction first",
      );
    } else {
      const accountId = accountOf(c);
      const f = facts.get(c.t.enrolment.id);
      // A pass's credential names the learner's own account, or nothing is issued. (A fail
      // needs no facts: a level or field retired since must not refuse it.)
      if (c.verdict.outcome === "pass" && f?.accountId !== accountId) {
        throw new Error(
          `No credential facts for enrolment ${c.t.enrolment.id} and account ${accountId}`,
        );
      }
      fresh.push({ ...c, accountId, facts: f });
    }
  }
  const [deposits] = await Promise.all([
    depositsOf(
      tx,
      same.filter((s) => s.c.outcome === "pass").map((s) => s.c.id),
    ),
    writeFresh(tx, { actor, institutionId: inst.id, source, at }, items, fresh, out, heads),
  ]);
  await heads; // its failure, if no deposit waited for it, still fails the batch
  for (const { i, c } of same) {
    const d = deposits.get(c.id);
    out[i] = {
      completionId: c.id,
      enrolmentId: c.enrolmentId,
      outcome: c.outcome,
      reason: c.reason,
      status: "unchanged",
      depositedX100: d?.entry?.creditsX100 ?? 0,
      entryId: d?.entry?.id ?? null,
      credentialId: d?.credentialId ?? null,
    };
  }
  return out;
}

/** What refuses one result: its kind, its enrolment's state, its dates, its rule's needs. */
function check(t: LockedTarget, data: CompletionInput, at: Date): Verdict {
  if (t.resource.kind === "learning_resource") {
    throw new AppError(
      "UNPROCESSABLE",
      "no_completion_for_kind",
      "A learning resource has no completion",
    );
  }
  if (t.enrolment.status === "revoked") {
    throw conflict("enrolment_revoked", "The enrolment was refunded or revoked");
  }
  if (t.enrolment.status === "suspended") {
    throw conflict("enrolment_suspended", "The enrolment is suspended while a dispute is open");
  }
  const dateProblem = (reason: string, message: string) =>
    new AppError("BAD_REQUEST", reason, message, {
      fields: { completedOn: { code: "invalid" } },
    });
  if (data.completedOn > dayIn(at, t.timeZone)) {
    throw dateProblem("completion_in_future", "The completion date is in the future");
  }
  if (data.completedOn < dayIn(t.enrolment.createdAt, t.timeZone)) {
    throw dateProblem("completion_before_enrolment", "The completion date is before the enrolment");
  }
  return evaluateRule(t.version, data);
}

/** Each enrolment's live pass if it has one (at most one: a unique index), else its latest live result. */
async function latestResults(tx: Tx, enrolmentIds: string[]): Promise<Map<string, Completion>> {
  if (enrolmentIds.length === 0) return new Map();
  // SQL text, not the builder: this runs for every batch (see target.ts).
  // One index lookup per enrolment (its newest live result, a pass first), whatever the size
  // of the table or of the generic plan's guess at the array's length.
  const rows = await selectRows<Completion>(
    tx,
    sql`select c.id as "id", c.enrolment_id as "enrolmentId", c.outcome as "outcome",
      c.reason as "reason", c.score_x100 as "scoreX100", c.attendance_pct as "attendancePct",
      c.completed_on::text as "completedOn"
    from unnest(${uuidArray(enrolmentIds)}) as q(id)
    cross join lateral (select * from completions c
      where c.enrolment_id = q.id and c.voided_at is null
      order by c.outcome = 'pass' desc, c.created_at desc, c.id desc limit 1) c`,
  );
  return new Map(rows.map((r) => [r.enrolmentId, r]));
}
