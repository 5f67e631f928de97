// npm run bench:search [-- --n 100000 --iterations 200] – load N resources into a benchmark
// database (PostgreSQL: BENCH_DATABASE_URL, default a local exchange_bench) and report
// p50/p95/p99 of catalogue queries through the engine and through GET /api/v1/catalogue, each
// beside a same-run reference (a bare `select 1`; GET /api/health).
import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { seedDemo } from "@/db/seed";
import { resetPostgres } from "../tests/support/reset-postgres";
import { searchPostgres } from "@/lib/search/postgres";
import { catalogueQuerySchema } from "@/lib/search/query";
import { createApiKeyAsOperator } from "@/lib/api/keys";
import { loadBenchCorpus } from "./bench/corpus";
import { percentiles, timeEach } from "./bench/stats";
import { progressBar } from "./progress";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    iterations: { type: "string", default: "200" },
    "skip-load": { type: "boolean", default: false },
    "skip-api": { type: "boolean", default: false },
  },
});
const N = Number(values.n);
const ITER = Number(values.iterations);
const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/exchange_bench";

const sets: Record<string, Record<string, string>[]> = {
  "Chinese 2-char": [
    "会计",
    "物流",
    "数据",
    "管理",
    "安全",
    "化学",
    "物理",
    "英语",
    "设计",
    "工程",
    "金融",
    "法律",
  ].map((q) => ({ q })),
  "Chinese long": [
    "废弃物资源化技术",
    "环境数据分析",
    "数据结构与算法",
    "管理会计学",
    "大学物理综合实验",
    "食品安全与质量控制",
    "高等环境地球化学",
  ].map((q) => ({ q })),
  English: [
    "data analysis",
    "environmental",
    "management",
    "physics",
    "chemistry",
    "introduction",
    "advanced materials",
    "quantum",
  ].map((q) => ({ q })),
  typo: [
    "enviromental",
    "managment",
    "chemsitry",
    "phyiscs",
    "analysys",
    "intoduction",
    "quantom mechanics",
    "geochemsitry",
  ].map((q) => ({ q })),
  "filter only": [
    { field: "06" },
    { level: "8", institution: "ustc" },
    { creditsMin: "300", free: "false" },
    { kind: "micro_credential", delivery: "online" },
    { priceMax: "10000", sort: "price_asc" },
    { language: "en", sort: "credits_desc" },
  ],
  faceted: [
    { q: "管理", field: "04", level: "6" },
    { q: "data", institution: "ustc", sort: "newest" },
    { q: "安全", delivery: "online", free: "false" },
    { q: "physics", levelMin: "7", creditsMin: "200" },
  ],
};

function fmt(p: ReturnType<typeof percentiles>) {
  return `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} / ${p.p99.toFixed(1)}`;
}

async function main() {
  process.env.DATABASE_URL = url;
  if (!values["skip-load"]) {
    const admin = postgres(url.replace(/\/[^/]+$/, "/postgres"), { max: 1, onnotice: () => {} });
    const name = new URL(url).pathname.slice(1);
    const exists = await admin`select 1 from pg_database where datname = ${name}`;
    if (exists.length === 0)
      await admin.unsafe(
        `create database "${name}" template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`,
      );
    await admin.end();
    await resetPostgres(url);
    const db = await getDb();
    await seedDemo(db);
    const bar = progressBar(N, "load");
    const t = performance.now();
    await loadBenchCorpus(db, N, (d) => bar.update(d));
    bar.done();
    console.log(`loaded ${N} resources in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const db = await getDb();
  const rows = [
    `| query set | engine p50 / p95 / p99 (ms) | API p50 / p95 / p99 (ms) |`,
    `|---|---|---|`,
  ];
  const engineRef = percentiles(await timeEach([0], ITER, () => db.execute(sql`select 1`)));
  const results: Record<string, { engine: string; api: string }> = {};
  for (const [name, queries] of Object.entries(sets)) {
    const parsed = queries.map((q) => catalogueQuerySchema.parse(q));
    await timeEach(parsed, 20, (q) => searchPostgres(q)); // warm up
    results[name] = {
      engine: fmt(percentiles(await timeEach(parsed, ITER, (q) => searchPostgres(q)))),
      api: "–",
    };
  }
  let apiRef = "–";
  if (!values["skip-api"]) {
    const { key } = await createApiKeyAsOperator({
      institutionSlug: "ouchn",
      name: "bench",
      scopes: ["catalogue:read"],
    });
    await closeDb();
    const port = 3200;
    const server = spawn(
      "node",
      ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"],
      {
        env: {
          ...process.env,
          DATABASE_URL: url,
          APP_MODE: "demo",
          API_RATE_LIMIT_PER_MINUTE: "1000000",
        },
        stdio: "ignore",
      },
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 120; i++) {
        if (
          await fetch(`${base}/api/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await new Promise((r) => setTimeout(r, 500));
      }
      apiRef = fmt(
        percentiles(
          await timeEach([0], ITER, () => fetch(`${base}/api/health`).then((r) => r.text())),
        ),
      );
      const get = (q: Record<string, string>) =>
        fetch(`${base}/api/v1/catalogue?${new URLSearchParams(q)}`, {
          headers: { authorization: `Bearer ${key}` },
        }).then(async (r) => {
          if (!r.ok) throw new Error(`${r.status} ${await r.text()}`);
          return r.json();
        });
      for (const [name, queries] of Object.entries(sets)) {
        await timeEach(queries, 20, get);
        results[name]!.api = fmt(percentiles(await timeEach(queries, ITER, get)));
      }
    } finally {
      server.kill("SIGTERM");
    }
  }
  for (const [name, r] of Object.entries(results))
    rows.push(`| ${name} | ${r.engine} | ${r.api} |`);
  rows.push(`| *reference: \`select 1\` / GET /api/health* | ${fmt(engineRef)} | ${apiRef} |`);
  console.log(
    `\nN = ${N} resources, ${ITER} timed queries per set (after 20 warm-up), PostgreSQL ${new URL(url).host}\n`,
  );
  console.log(rows.join("\n"));
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
