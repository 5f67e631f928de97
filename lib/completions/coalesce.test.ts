import { describe, expect, it } from "vitest";
import { createCoalescer, type BatchAnswer } from "./coalesce";

type Job = { key: string; n: number };

/** A coalescer whose batches wait for `release()`, recording what each batch held. */
function harness(
  opts: {
    answer?: (j: Job) => BatchAnswer<number>;
    failBatch?: (jobs: Job[]) => unknown;
    parallel?: number;
    maxBatch?: number;
    shares?: (e: unknown) => boolean;
  } = {},
) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const gates: (() => void)[] = [];
  const c = createCoalescer<Job, number>({
    keyOf: (j) => j.key,
    parallel: opts.parallel ?? 1,
    maxBatch: opts.maxBatch,
    sharesFailure: opts.shares,
    runBatch: async (jobs) => {
      batches.push(jobs.map((j) => j.n));
      await new Promise<void>((r) => gates.push(r));
      const failure = opts.failBatch?.(jobs);
      if (failure) throw failure;
      return jobs.map((j) => opts.answer?.(j) ?? { value: j.n * 10 });
    },
    runAlone: async (j) => {
      alone.push(j.n);
      if (j.n === 13) throw new Error("thirteen");
      return 1000 + j.n;
    },
  });
  const release = async () => {
    while (gates.length) gates.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { c, batches, alone, release };
}

const settle = (ps: Promise<number>[]) => Promise.allSettled(ps);

describe("createCoalescer", () => {
  it("runs a lone job at once, and gathers what arrives meanwhile into the next batch", async () => {
    const h = harness();
    const first = h.c.submit({ key: "a", n: 1 });
    await new Promise((r) => setTimeout(r, 0));
    expect(h.batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => h.c.submit({ key: "a", n }));
    expect(h.batches).toEqual([[1]]); // they wait for the batch in flight
    await h.release();
    await h.release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(h.batches).toEqual([[1], [2, 3, 4]]);
  });

  it("keeps keys apart and never puts more than maxBatch jobs in a batch", async () => {
    const h = harness({ maxBatch: 2 });
    const ps = [1, 2, 3, 4, 5].map((n) => h.c.submit({ key: "a", n }));
    const other = h.c.submit({ key: "b", n: 9 });
    for (let i = 0; i < 5; i++) await h.release();
    expect(await Promise.all(ps)).toEqual([10, 20, 30, 40, 50]);
    expect(await other).toBe(90);
    expect(h.batches).toEqual([[1], [9], [2, 3], [4, 5]]);
  });

  it("sends a job answered `again` in a later batch, ahead of newer ones", async () => {
    let tries = 0;
    const h = harness({
      answer: (j) => (j.n === 2 && tries++ === 0 ? { again: true } : { value: j.n }),
    });
    const ps = [1, 2, 3].map((n) => h.c.submit({ key: "a", n }));
    await h.release(); // [1]
    const late = h.c.submit({ key: "a", n: 4 });
    await h.release(); // [2, 3]: 2 comes back
    await h.release(); // [2, 4]
    expect(await Promise.all([...ps, late])).toEqual([1, 2, 3, 4]);
    expect(h.batches).toEqual([[1], [2, 3], [2, 4]]);
  });

  it("answers each job with its own error, leaving the others recorded", async () => {
    const h = harness({
      answer: (j) => (j.n === 2 ? { error: new Error("bad row") } : { value: j.n }),
    });
    const settled = settle([1, 2, 3].map((n) => h.c.submit({ key: "a", n })));
    await h.release();
    await h.release();
    const r = await settled;
    expect(r.map((x) => x.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((r[1] as PromiseRejectedResult).reason).toEqual(new Error("bad row"));
  });

  it("re-runs a batch that failed as a whole job by job: one job's failure fails only it", async () => {
    const h = harness({ failBatch: (jobs) => (jobs.length > 1 ? new Error("deadlock") : null) });
    const first = h.c.submit({ key: "a", n: 1 });
    const settled = settle([12, 13, 14].map((n) => h.c.submit({ key: "a", n })));
    await h.release();
    await h.release();
    expect(await first).toBe(10);
    const r = await settled;
    expect(r.map((x) => (x.status === "fulfilled" ? x.value : String(x.reason)))).toEqual([
      1012,
      "Error: thirteen",
      1014,
    ]);
    expect(h.alone).toEqual([12, 13, 14]);
  });

  it("answers every job of a batch with a failure they share, without re-running them", async () => {
    const refused = new Error("forbidden");
    const h = harness({ failBatch: () => refused, shares: (e) => e === refused });
    const settled = settle([1, 2, 3].map((n) => h.c.submit({ key: "a", n })));
    await h.release();
    await h.release();
    const r = await settled;
    expect(r.every((x) => x.status === "rejected" && x.reason === refused)).toBe(true);
    expect(h.alone).toEqual([]);
  });

  it("treats a batch that answers the wrong number of jobs as failed", async () => {
    const c = createCoalescer<Job, number>({
      keyOf: () => "k",
      parallel: 1,
      runBatch: async (jobs) => jobs.slice(1).map(() => ({ value: 0 })),
      runAlone: async (j) => j.n,
    });
    const settled = settle([1, 2, 3].map((n) => c.submit({ key: "k", n })));
    const [one, two, three] = await settled;
    // Alone, the batch is the job: its failure is the answer. Together, each is re-run alone.
    expect(String((one as PromiseRejectedResult).reason)).toMatch(/came back with 0 answers/);
    expect([two, three].map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual([2, 3]);
  });

  it("runs up to `parallel` batches of one key at once", async () => {
    const h = harness({ parallel: 2 });
    const ps = [1, 2, 3, 4].map((n) => h.c.submit({ key: "a", n }));
    await new Promise((r) => setTimeout(r, 0));
    expect(h.batches).toEqual([[1], [2]]);
    await h.release();
    await h.release();
    expect(await Promise.all(ps)).toEqual([10, 20, 30, 40]);
    expect(h.batches.flat().sort()).toEqual([1, 2, 3, 4]);
  });

  it("callers answered by a batch send their next jobs into the next batch, all together", async () => {
    const sizes: number[] = [];
    const c = createCoalescer<number, number>({
      keyOf: () => "k",
      runBatch: async (jobs) => {
        sizes.push(jobs.length);
        await new Promise((r) => setTimeout(r, 2));
        return jobs.map((n) => ({ value: n }));
      },
      runAlone: async (n) => n,
    });
    // 8 callers, 3 results each, each sent when the caller's previous one is answered — a few
    // promise hops later, as through the layers of a real caller.
    const hops = async () => {
      for (let i = 0; i < 5; i++) await null;
    };
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let k = 0; k < 3; k++) {
          await hops();
          expect(await c.submit(w * 10 + k)).toBe(w * 10 + k);
        }
      }),
    );
    // The first caller's lone job goes at once; then every caller is in each batch (not 7 and
    // 1 in turn, as when the next batch took only the jobs that had waited).
    expect(sizes).toEqual([1, 8, 8, 7]);
  });

  it("with two places, a closed loop of callers settles into two staggered halves", async () => {
    const sizes: number[] = [];
    let atOnce = 0;
    let most = 0;
    const c = createCoalescer<number, number>({
      keyOf: () => "k",
      parallel: 2,
      runBatch: async (jobs) => {
        sizes.push(jobs.length);
        most = Math.max(most, ++atOnce);
        await new Promise((r) => setTimeout(r, 2));
        atOnce--;
        return jobs.map((n) => ({ value: n }));
      },
      runAlone: async (n) => n,
    });
    await Promise.all(
      Array.from({ length: 16 }, async (_, w) => {
        for (let k = 0; k < 6; k++) expect(await c.submit(w * 10 + k)).toBe(w * 10 + k);
      }),
    );
    expect(most).toBe(2);
    // The first two go alone (each at once, into a free place); from then on each batch takes
    // its share of all sixteen callers — not 15 and 1 in turn, as when a freed place took every
    // job that waited.
    expect(sizes.slice(0, 2)).toEqual([1, 1]);
    expect(sizes.slice(4, -2).every((n) => n === 8)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(96);
  });

  it("keeps jobs of one conflict key in order: never in two batches at once, one per batch", async () => {
    const batches: string[][] = [];
    const gates: (() => void)[] = [];
    const c = createCoalescer<{ k: string; n: number }, string>({
      keyOf: () => "same",
      parallel: 2,
      conflictOf: (j) => j.k,
      runBatch: async (jobs) => {
        batches.push(jobs.map((j) => `${j.k}${j.n}`));
        await new Promise<void>((r) => gates.push(r));
        return jobs.map((j) => ({ value: `${j.k}${j.n}` }));
      },
      runAlone: async (j) => `${j.k}${j.n}`,
    });
    const done: string[] = [];
    const send = (k: string, n: number) => c.submit({ k, n }).then((v) => done.push(v));
    const all = [send("a", 1), send("a", 2), send("b", 1), send("a", 3), send("c", 1)];
    await new Promise((r) => setTimeout(r, 0));
    // a1 goes at once; the second place takes b1, not a2 (a1 is in flight).
    expect(batches).toEqual([["a1"], ["b1"]]);
    while (batches.length < 4) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    // a2 only once a1 is done, with c1 beside it (not a3: one job of a key per batch).
    expect(batches.slice(2)).toEqual([["a2", "c1"], ["a3"]]);
    expect(done.filter((v) => v.startsWith("a"))).toEqual(["a1", "a2", "a3"]);
  });
});
