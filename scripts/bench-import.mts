// npm run bench:import [-- --n 20000 --engine postgres|pglite] – import the shared-data course
// lists (or N distinct rows made from them) through the bulk import, published, on PostgreSQL
// (BENCH_DATABASE_URL, default a local exchange_bench, wiped first) and on PGlite (a fresh
// in-memory database). Reports rows/s beside a same-run reference (plain batched inserts of
// equally wide rows into a scratch table), and times distinct search queries right after the
// import and again after a manual VACUUM ANALYZE. Each engine runs in its own child process.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db";
import { seedDemo } from "@/db/seed";
import { sharedDataRows } from "@/db/shared-data";
import { createImport } from "@/lib/catalogue/create-import";
import { IMPORT_BATCH_ROWS, importResources, vacuumImportedTables } from "@/lib/catalogue/import";
import { searchPostgres } from "@/lib/search/postgres";
import { catalogueQuerySchema } from "@/lib/search/query";
import { resetPostgres } from "../tests/support/reset-postgres";
import { percentiles, timeEach } from "./bench/stats";
import { progressBar } from "./progress";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "0" }, // 0: the shared-data lists as they are
    engine: { type: "string" },
    queries: { type: "string", default: "230" },
  },
});
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/exchange_bench";
const operator = { type: "operator", name: "bench:import" } as const;
type Row = { line: number; row: Record<string, unknown> };
type Result = {
  engine: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  vacuumSeconds: number;
  referenceRowsPerSecond: number;
  afterImport: ReturnType<typeof percentiles>;
  afterManualVacuum: ReturnType<typeof percentiles>;
  queries: number;
};

/** The course lists, or N distinct rows made from them (a suffix per round, slugs unique). */
async function* rowsFor(source: "sjtu" | "ustc", n: number): AsyncGenerator<Row> {
  let round = 0;
  let line = 0;
  do {
    for await (const { row } of sharedDataRows(source)) {
      if (n > 0 && line >= n) return;
      line++;
      yield {
        line,
        row:
          round === 0
            ? row
            : {
                ...row,
                slug: `${String(row.slug)}-r${round}`,
                titleZh: `${String(row.titleZh)}（${round}）`,
                ...(row.titleEn ? { titleEn: `${String(row.titleEn)} (${round})` } : {}),
              },
      };
    }
    round++;
  } while (n > 0 && line < n);
}

/** The same rows as plain batched inserts into a scratch table as wide as a version row. */
async function referenceRowsPerSecond(db: Db, rows: Row[]): Promise<number> {
  await db.execute(sql`drop table if exists bench_scratch`);
  await db.execute(
    sql.raw(
      `create table bench_scratch (id uuid primary key default gen_random_uuid(), slug text, kind text,
       title_zh text, title_en text, summary_zh text, summary_en text, field_code text, level int,
       credits_x100 int, learning_hours int, languages text[], delivery_mode text, assessment text)`,
    ),
  );
  const t = performance.now();
  for (let i = 0; i < rows.length; i += IMPORT_BATCH_ROWS) {
    const batch = rows.slice(i, i + IMPORT_BATCH_ROWS).map(({ row: r }) => ({
      slug: String(r.slug),
      kind: String(r.kind),
      title_zh: String(r.titleZh ?? ""),
      title_en: String(r.titleEn ?? ""),
      summary_zh: String(r.summaryZh ?? ""),
      summary_en: String(r.summaryEn ?? ""),
      field_code: String(r.fieldCode ?? "999"),
      level: Number(r.level),
      credits_x100: Number(r.creditsX100),
      learning_hours: Number(r.learningHours),
      languages: `{${(r.languages as string[]).join(",")}}`,
      delivery_mode: String(r.deliveryMode),
      assessment: String(r.assessment ?? ""),
    }));
    const cols = Object.keys(batch[0]!);
    await db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into bench_scratch (${sql.raw(cols.join(","))}) values ${sql.join(
          batch.map(
            (b) =>
              sql`(${sql.join(
                cols.map((c) => sql`${b[c as keyof typeof b]}`),
                sql`, `,
              )})`,
          ),
          sql`, `,
        )}`,
      );
    });
  }
  const seconds = (performance.now() - t) / 1000;
  await db.execute(sql`drop table bench_scratch`);
  return rows.length / seconds;
}

/** Distinct queries a visitor might type: a 2-character piece of each Chinese title, English words. */
function distinctQueries(rows: Row[], count: number): string[] {
  const out = new Set<string>();
  for (const { row } of rows) {
    const zh = String(row.titleZh ?? "").replace(/[^\p{Script=Han}]/gu, "");
    if (zh.length >= 2) out.add(zh.slice(0, 2));
    const word = /[A-Za-z]{5,}/.exec(String(row.titleEn ?? ""))?.[0]?.toLowerCase();
    if (word) out.add(word);
    if (out.size >= count) break;
  }
  return [...out];
}

async function runEngine(engine: string, n: number, queryCount: number): Promise<Result> {
  const db = await getDb();
  await seedDemo(db);
  const rows: Row[] = [];
  for (const source of ["sjtu", "ustc"] as const) {
    for await (const r of rowsFor(source, n > 0 ? Math.ceil(n / 2) : 0)) rows.push(r);
  }
  const sources = ["sjtu", "ustc"] as const;
  const bySource = sources.map((s) => rows.filter((r) => String(r.row.slug).startsWith(`${s}-`)));
  const bar = progressBar(rows.length, `import (${engine})`);
  let done = 0;
  const t = performance.now();
  for (const [i, source] of sources.entries()) {
    const { id } = await createImport(
      operator,
      { institutionSlug: source, format: "jsonl" },
      "seed",
    );
    const summary = await importResources(operator, source, bySource[i]!, {
      publish: true,
      importId: id,
      onProgress: (k) => bar.update(done + k),
    });
    done += summary.results.length;
    if (summary.failed > 0) throw new Error(`${summary.failed} rows refused`);
  }
  const seconds = (performance.now() - t) / 1000;
  const v = performance.now();
  await vacuumImportedTables();
  const vacuumSeconds = (performance.now() - v) / 1000;
  bar.done();

  const queries = distinctQueries(rows, queryCount).map((q) => catalogueQuerySchema.parse({ q }));
  const search = (q: (typeof queries)[number]) => searchPostgres(q);
  await timeEach(queries, queries.length, search); // warm up: the same pages in cache for both
  const afterImport = percentiles(await timeEach(queries, queries.length, search));
  await db.execute(sql`vacuum analyze`);
  const afterManualVacuum = percentiles(await timeEach(queries, queries.length, search));
  const reference = await referenceRowsPerSecond(db, rows);
  return {
    engine,
    rows: rows.length,
    seconds,
    rowsPerSecond: rows.length / seconds,
    vacuumSeconds,
    referenceRowsPerSecond: reference,
    afterImport,
    afterManualVacuum,
    queries: queries.length,
  };
}

async function preparePostgres() {
  const admin = postgres(url.replace(/\/[^/]+$/, "/postgres"), { max: 1, onnotice: () => {} });
  const name = new URL(url).pathname.slice(1);
  const exists = await admin`select 1 from pg_database where datname = ${name}`;
  if (exists.length === 0) {
    await admin.unsafe(
      `create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
    );
  }
  await admin.end();
  await resetPostgres(url);
}

const fmt = (p: ReturnType<typeof percentiles>) => `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)}`;

if (values.engine) {
  // A child: one engine, the result as the last line of stdout.
  try {
    const result = await runEngine(values.engine, Number(values.n), Number(values.queries));
    console.log(JSON.stringify(result));
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    process.exitCode = 1;
  } finally {
    await closeDb();
  }
} else {
  await preparePostgres();
  const results: Result[] = [];
  const engines = [
    ["postgres", { DATABASE_URL: url }],
    ["pglite", { DATABASE_URL: "", PGLITE_DIR: "memory://" }],
  ] as const;
  for (const [engine, env] of engines) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        process.argv[1]!,
        "--engine",
        engine,
        "--n",
        values.n!,
        "--queries",
        values.queries!,
      ],
      {
        env: { ...process.env, APP_MODE: "demo", ...env },
        stdio: ["ignore", "pipe", "inherit"],
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const last = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || !last.startsWith("{")) {
      console.error(`${engine}: failed\n${child.stdout}`);
      process.exitCode = 1;
      continue;
    }
    results.push(JSON.parse(last) as Result);
  }
  console.log(
    "\n| engine | rows | import s | rows/s | reference rows/s | VACUUM ANALYZE s | search after import p50 / p95 (ms) | after manual VACUUM ANALYZE p50 / p95 (ms) |",
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of results) {
    console.log(
      `| ${r.engine} | ${r.rows} | ${r.seconds.toFixed(1)} | ${Math.round(r.rowsPerSecond)} | ${Math.round(r.referenceRowsPerSecond)} | ${r.vacuumSeconds.toFixed(1)} | ${fmt(r.afterImport)} | ${fmt(r.afterManualVacuum)} |`,
    );
  }
  console.log(`\n${results[0]?.queries ?? 0} distinct queries per pass, after one warm-up pass.`);
}
