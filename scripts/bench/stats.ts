/** Percentiles of latencies (ms), nearest-rank. */
export function percentiles(samples: number[]): {
  p50: number;
  p95: number;
  p99: number;
  n: number;
} {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
  return { p50: at(50), p95: at(95), p99: at(99), n: s.length };
}

export async function timeEach<T>(
  items: T[],
  iterations: number,
  run: (item: T) => Promise<unknown>,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const item = items[i % items.length]!;
    const t = performance.now();
    await run(item);
    out.push(performance.now() - t);
  }
  return out;
}

/** A small deterministic PRNG, so every run loads the same corpus. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
