/**
 * Group commit for work that arrives concurrently: jobs with one key queue while earlier batches
 * of that key run; each finished batch takes whatever has queued (up to `maxBatch`) as the next.
 * A lone job runs at once. A batch that fails as a whole is re-run job by job (`runAlone`), so
 * one job's failure — a deadlock, a constraint, a bug — never fails the others; a failure that
 * `sharesFailure` says is every job's (a refusal of the actor) answers all of them at once.
 */
export type BatchAnswer<R> = { value: R } | { error: unknown } | { again: true };

type Pending<J, R> = { job: J; resolve: (r: R) => void; reject: (e: unknown) => void };
type Queue<J, R> = {
  waiting: Pending<J, R>[];
  running: number;
  inFlight: number;
  // In-flight jobs by conflict key (`conflictOf`).
  busy: Map<string, number>;
};

export function createCoalescer<J, R>(opts: {
  keyOf: (job: J) => string;
  // One answer per job, in order; `again` puts the job back at the head of its queue.
  runBatch: (jobs: J[]) => Promise<BatchAnswer<R>[]>;
  runAlone: (job: J) => Promise<R>;
  sharesFailure?: (e: unknown) => boolean;
  maxBatch?: number;
  // Batches of one key in flight at once: one writes while the next is being built.
  parallel?: number;
  // Jobs with one conflict key (results for one enrolment) are taken in the order they came:
  // none goes into a batch while an earlier one is in another batch in flight, or waits.
  conflictOf?: (job: J) => string;
}) {
  const { maxBatch = 200, parallel = 1 } = opts;
  const queues = new Map<string, Queue<J, R>>();

  function pump(key: string) {
    const q = queues.get(key);
    if (!q) return;
    while (q.running < parallel && q.waiting.length > 0) {
      // An equal share of all the jobs of the key, in flight or waiting: callers that each wait
      // for their answer before sending again settle into `parallel` batches of like size,
      // staggered, one being built while another is written (a lone job still goes at once).
      const share = Math.ceil((q.waiting.length + q.inFlight) / parallel);
      const batch = takeBatch(q, Math.min(maxBatch, share));
      if (batch.length === 0) return; // every waiting job follows one in flight
      q.running++;
      q.inFlight += batch.length;
      for (const p of batch) count(q.busy, opts.conflictOf?.(p.job), 1);
      // The slot is freed a turn of the event loop later: the callers just answered send their
      // next jobs first (in the microtasks that follow), so the next batch takes them all
      // rather than only those that waited — batches as wide as the callers, not half as wide.
      void run(q, batch).finally(() => {
        // Its jobs are answered: no longer in flight (for the shares), though its place is
        // taken until the callers have sent again.
        q.inFlight -= batch.length;
        for (const p of batch) count(q.busy, opts.conflictOf?.(p.job), -1);
        setImmediate(() => {
          q.running--;
          if (q.running === 0 && q.waiting.length === 0) queues.delete(key);
          else pump(key);
        });
      });
    }
  }

  /** Up to `size` waiting jobs, in order, leaving those whose conflict key is taken. */
  function takeBatch(q: Queue<J, R>, size: number): Pending<J, R>[] {
    if (!opts.conflictOf) return q.waiting.splice(0, size);
    const batch: Pending<J, R>[] = [];
    const left: Pending<J, R>[] = [];
    const held = new Set<string>();
    for (const p of q.waiting) {
      const c = opts.conflictOf(p.job);
      if (batch.length < size && !q.busy.has(c) && !held.has(c)) batch.push(p);
      else left.push(p);
      held.add(c); // one job of a key per batch; a later one waits behind it
    }
    q.waiting = left;
    return batch;
  }

  async function run(q: Queue<J, R>, batch: Pending<J, R>[]) {
    let answers: BatchAnswer<R>[];
    try {
      answers = await opts.runBatch(batch.map((p) => p.job));
      if (answers.length !== batch.length) {
        throw new Error(`A batch of ${batch.length} came back with ${answers.length} answers`);
      }
    } catch (e) {
      if (batch.length === 1 || opts.sharesFailure?.(e)) {
        for (const p of batch) p.reject(e);
        return;
      }
      for (const p of batch) await opts.runAlone(p.job).then(p.resolve, p.reject);
      return;
    }
    const again: Pending<J, R>[] = [];
    batch.forEach((p, k) => {
      const a = answers[k]!;
      if ("again" in a) again.push(p);
      else if ("error" in a) p.reject(a.error);
      else p.resolve(a.value);
    });
    q.waiting.unshift(...again);
  }

  return {
    submit(job: J): Promise<R> {
      const key = opts.keyOf(job);
      return new Promise<R>((resolve, reject) => {
        const q: Queue<J, R> = queues.get(key) ?? {
          waiting: [],
          running: 0,
          inFlight: 0,
          busy: new Map(),
        };
        queues.set(key, q);
        q.waiting.push({ job, resolve, reject });
        pump(key);
      });
    },
  };
}

function count(counts: Map<string, number>, key: string | undefined, by: 1 | -1) {
  if (key === undefined) return;
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
}
