// npm run bench:ledger [-- --deposits 1500] – deposits per second on PostgreSQL through the full
// completion-recording function (recordCompletion: institution, order, enrolment and account
// locks, the completion, the hash-chained entry, the credential, the audit row) with 1, 8 and 32
// concurrent writers and a pool of 40 (the batches' transactions on their own four, db/index.ts),
// beside plain single-row inserts of an equally wide row through the same driver in the same
// run, in alternating rounds (the ratio is the figure; the target is ≥ 0.25 at 32
// writers, and the run fails below it). Then the chain verification time per 100,000
// entries. BENCH_DATABASE_URL (default a local exchange_bench) is wiped first.
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";

const { values } = parseArgs({ options: { deposits: { type: "string", default: "1500" } } });
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/exchange_bench";
process.env.DATABASE_URL = url;
process.env.DATABASE_POOL_MAX = "40";
process.env.DATA_DIR ??= ".data/bench";
process.env.LEDGER_EXPORT_DIR = `${process.env.DATA_DIR}/checkpoints-${Date.now()}`;
const WRITERS = [1, 8, 32];
const TARGET_RATIO = 0.25;

const { resetPostgres } = await import("../tests/support/reset-postgres");
await resetPostgres(url);
const { closeDb, getDb } = await import("@/db");
const { recordCompletion } = await import("@/lib/completions/record");
const { massEnrolments, today } = await import("../tests/support/completion-fixtures");
const { seedChains } = await import("./bench/ledger-chains");
const db = await getDb();

async function concurrently<T>(items: T[], writers: number, work: (item: T) => Promise<unknown>) {
  const queue = [...items];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let item = queue.pop(); item !== undefined; item = queue.pop()) await work(item);
    }),
  );
  return (performance.now() - t) / 1000;
}

// The table for plain inserts of a row as wide as a ledger entry (no index), made once before
// anything is measured: dropping a table invalidates every cached plan of every connection, so
// the deposits measured next ran their first round replanning (a ratio of 0.14 against 0.31–0.39).
await db.execute(sql.raw(`create table bench_plain (like ledger_entries including defaults)`));

/** Plain inserts, one statement and commit each; returns the seconds they took. */
async function plainInserts(n: number, writers: number): Promise<number> {
  const row = (i: number) => sql`insert into bench_plain (id, account_id, seq, kind, credits_x100,
    level, field_code, source_institution_id, acting_institution_id, resource_id,
    resource_version_id, enrolment_id, completion_id, score_x100, completed_on, title_zh,
    title_en, hash_version, prev_hash, hash, created_at) values (gen_random_uuid(),
    gen_random_uuid(), ${i}, 'deposit', 300, 6, '041', gen_random_uuid(), gen_random_uuid(),
    gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 8000,
    '2026-11-30', '管理会计学', 'Management Accounting', 1, ${"0".repeat(64)}, ${"f".repeat(64)},
    now())`;
  const items = Array.from({ length: n }, (_, i) => i + 1);
  return concurrently(items, writers, (i) => db.execute(row(i)));
}

const deposits = Number(values.deposits);
// Each rate is measured over at least ~1.5 s at this machine's speed: a run of a fraction of a
// second (1,500 plain inserts by 32 writers took 0.2 s) moved the ratio by ±0.03 between runs.
const PLAIN_INSERTS = 10_000;
// The two kinds are measured in alternating rounds, each rate over all its rounds: this shared
// machine's speed drifts by the second (the plain rate alone ran 6,500–13,800/s in one session),
// and a drift between one deposits run and one plain run moved the ratio by itself. Alternating,
// both kinds are measured over the same stretch of time (docs/BENCHMARKS.md, "Ledger deposits").
const ROUNDS = 4;
const results = [];
for (const writers of WRITERS) {
  const n = Math.max(deposits, writers * 100);
  // A warm-up of each kind first, unmeasured (the JIT, each connection's prepared statements):
  // plain inserts first, as they open a connection per writer, then deposits, so the state the
  // plain inserts leave is the one every round of deposits meets. (Before the batches had their
  // own connections, deposits measured right after the plain warm-up ran their first round at
  // half speed, on connections that had never prepared their statements.)
  const warm = Math.max(writers * 30, 500);
  const fx = await massEnrolments(Math.ceil((n + warm) / 5), 5);
  // Statistics after the bulk load, as autovacuum would have them in a running system: without
  // them the batch's cached generic plans, made when the tables were empty, scan whole tables.
  await db.execute(sql`analyze`);
  const shuffled = fx.enrolmentIds.slice(0, n + warm).sort(() => Math.random() - 0.5);
  const completedOn = today();
  const deposit = (enrolmentId: string) =>
    recordCompletion(fx.actor, fx.seller.slug, { enrolmentId, score: "80", completedOn }, "api");
  await plainInserts(1_000, writers);
  await concurrently(shuffled.slice(n), writers, deposit);
  let depositSeconds = 0;
  let plainSeconds = 0;
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const mine = shuffled.slice(Math.floor((r * n) / ROUNDS), Math.floor(((r + 1) * n) / ROUNDS));
    // In the order ABBA…: neither kind always follows the other (and inherits its leftovers:
    // WAL still being flushed, Node's garbage).
    let d = 0;
    let p = 0;
    if (r % 2 === 0) {
      d = await concurrently(mine, writers, deposit);
      p = await plainInserts(PLAIN_INSERTS / ROUNDS, writers);
    } else {
      p = await plainInserts(PLAIN_INSERTS / ROUNDS, writers);
      d = await concurrently(mine, writers, deposit);
    }
    depositSeconds += d;
    plainSeconds += p;
    rounds.push(mine.length / d / (PLAIN_INSERTS / ROUNDS / p));
  }
  const rate = n / depositSeconds;
  const plain = PLAIN_INSERTS / plainSeconds;
  results.push({
    writers,
    depositsPerSecond: rate,
    plainPerSecond: plain,
    ratio: rate / plain,
    rounds,
  });
  console.log(
    `${writers} writer(s): ${rate.toFixed(0)} deposits/s, plain inserts ${plain.toFixed(0)}/s, ratio ${(rate / plain).toFixed(2)} (rounds: ${rounds.map((x) => x.toFixed(2)).join(", ")})`,
  );
}
await seedChains(db, 100_000);
// The real verifier: a checkpoint over everything, then every chain against its file.
const { writeCheckpoint } = await import("@/lib/ledger/checkpoint");
const { verifyLedger } = await import("@/lib/ledger/verify");
const c = performance.now();
await writeCheckpoint();
const checkpointSeconds = (performance.now() - c) / 1000;
const v = performance.now();
const report = await verifyLedger({ db });
if (!report.ok)
  throw new Error(`the ledger did not verify: ${JSON.stringify(report).slice(0, 500)}`);
const verify = {
  entries: report.chains!.entries,
  seconds: (performance.now() - v) / 1000,
  checkpointSeconds,
};
console.log(
  `checkpoint of ${verify.entries} entries: ${verify.checkpointSeconds.toFixed(2)} s; verification: ${verify.seconds.toFixed(2)} s = ${((verify.seconds * 100_000) / verify.entries).toFixed(2)} s per 100,000 entries`,
);
console.log(JSON.stringify({ deposits, plainInserts: PLAIN_INSERTS, results, verify }, null, 2));
await closeDb();
const at32 = results.find((r) => r.writers === 32)!;
if (at32.ratio < TARGET_RATIO) {
  console.error(`FAIL: ratio ${at32.ratio.toFixed(2)} at 32 writers is below ${TARGET_RATIO}`);
  process.exit(1);
}
