import { getDb, pipelinedTransaction, type Tx } from "@/db";
import { actorKey, type Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { createCoalescer } from "./coalesce";
import {
  AGAIN,
  recordCompletionsIn,
  type CompletionRecorded,
  type CompletionSource,
} from "./record-batch";
import { completionInputSchema, type CompletionInput } from "./schemas";

export type { CompletionRecorded, CompletionSource } from "./record-batch";

type Job = {
  actor: Actor;
  institution: string | null;
  data: CompletionInput;
  source: CompletionSource;
};

/*
 * Results that arrive together from one actor for one institution and source (a CSV chunk's
 * rows, a registrar's clicks in many tabs) are recorded together, in one transaction of a fixed
 * number of statements: the ledger's group commit (docs/DECISIONS.md, "Completions in batches").
 * A lone result goes at once, as a batch of one. (An API request is its own transaction, under
 * its Idempotency-Key: `recordCompletionIn`.)
 */
const coalescer = createCoalescer<Job, CompletionRecorded>({
  keyOf: (j) => `${actorKey(j.actor)}|${j.institution ?? ""}|${j.source}`,
  runBatch: async (jobs) => {
    const first = jobs[0]!;
    // BEGIN goes out with the batch's first statements (db/pipelined.ts): a round trip fewer.
    const results = await pipelinedTransaction((tx) =>
      recordCompletionsIn(
        tx,
        first.actor,
        first.institution,
        jobs.map((j) => j.data),
        first.source,
      ),
    );
    return results.map((r) =>
      r === AGAIN ? { again: true } : isAppError(r) ? { error: r } : { value: r },
    );
  },
  // A refusal of the whole batch (the actor may not record here, or the institution is unknown
  // or not a member) is every result's answer; any other failure re-runs each result alone.
  sharesFailure: refusesActor,
  // Two batches of a key at once, in equal shares: one is built in Node while the other is
  // written (measured in docs/BENCHMARKS.md, "Ledger deposits"; a third added only contention).
  parallel: 2,
  // Results for one enrolment keep their order (a fail, then the resit's pass): never in two
  // batches at once. (One named by id and again by account number and slug is told apart only
  // by the enrolment's lock: whichever batch takes it first records first.)
  conflictOf: (j) =>
    j.data.enrolmentId ?? `${j.data.accountNumber ?? ""}|${j.data.resourceSlug ?? ""}`,
  runAlone: async (j) => {
    const db = await getDb();
    return db.transaction((tx) => recordCompletionIn(tx, j.actor, j.institution, j.data, j.source));
  },
});

/** A refusal of the actor or institution, the same for every result of a batch. */
export function refusesActor(e: unknown): boolean {
  return (
    isAppError(e) &&
    (e.code === "FORBIDDEN" || (e.code === "NOT_FOUND" && e.reason === "not_found"))
  );
}

/**
 * Record a result for an enrolment (PRODUCT.md §7): a pass deposits the enrolment's credits into
 * the learner's account and issues the credential, in the completion's transaction. Concurrent
 * calls of one actor at one institution share a transaction; each gets its own answer, and one
 * result's refusal or failure never refuses another.
 */
export async function recordCompletion(
  actor: Actor,
  institution: string | null,
  input: unknown,
  source: CompletionSource,
): Promise<CompletionRecorded> {
  const data = parseInput(completionInputSchema, input);
  return coalescer.submit({ actor, institution, data, source });
}

/** One result inside the caller's transaction (an idempotent API request). */
export async function recordCompletionIn(
  tx: Tx,
  actor: Actor,
  institution: string | null,
  data: CompletionInput,
  source: CompletionSource,
): Promise<CompletionRecorded> {
  const [result] = await recordCompletionsIn(tx, actor, institution, [data], source);
  if (isAppError(result)) throw result;
  if (!result || result === AGAIN) throw new Error("A batch of one result came back unrecorded");
  return result;
}
