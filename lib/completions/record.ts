import { getDb, type Tx } from "@/db";
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
 * Results that arrive together from one actor for one institution (a CSV chunk, a burst of API
 * calls, many registrars' tabs) are recorded together, in one transaction of a fixed number of
 * statements: the ledger's group commit (docs/DECISIONS.md, "Completions in batches"). A lone
 * result goes at once, as a batch of one.
 */
const coalescer = createCoalescer<Job, CompletionRecorded>({
  keyOf: (j) => `${actorKey(j.actor)}|${j.institution ?? ""}|${j.source}`,
  runBatch: async (jobs) => {
    const first = jobs[0]!;
    const db = await getDb();
    const results = await db.transaction((tx) =>
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
  // A refusal of the whole batch (the actor may not record here) is every result's answer.
  sharesFailure: isAppError,
  runAlone: async (j) => {
    const db = await getDb();
    return db.transaction((tx) => recordCompletionIn(tx, j.actor, j.institution, j.data, j.source));
  },
});

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
