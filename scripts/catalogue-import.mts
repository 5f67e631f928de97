// npm run catalogue:import -- --institution <slug> --file <jsonl|csv> [--publish]
// One resource per line/row, with the fields of POST /api/v1/resources.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { importResources, parseJsonLines } from "@/lib/catalogue/import";
import { csvRecordToInput, parseCsv } from "@/lib/catalogue/csv";
import { progressBar } from "./progress";

const usage =
  "usage: npm run catalogue:import -- --institution <slug> --file <file.jsonl|file.csv> [--publish] [--report <errors.jsonl>]";
let args;
try {
  args = parseArgs({
    options: {
      institution: { type: "string" },
      file: { type: "string" },
      publish: { type: "boolean", default: false },
      report: { type: "string" },
    },
  }).values;
} catch (e) {
  console.error(`${e instanceof Error ? e.message : e}\n${usage}`);
  process.exit(1);
}
if (!args.institution || !args.file) {
  console.error(usage);
  process.exit(1);
}
if (!fs.existsSync(args.file)) {
  console.error(`No such file: ${args.file}`);
  process.exit(1);
}

const text = fs.readFileSync(args.file, "utf8");
const rows = args.file.endsWith(".csv")
  ? parseCsv(text).map(({ line, record }) => ({ line, row: csvRecordToInput(record) }))
  : [...parseJsonLines(text)];
const bar = progressBar(rows.length, "import");
try {
  const summary = await importResources(
    { type: "operator", name: "catalogue:import" },
    args.institution,
    rows,
    {
      publish: args.publish,
      onProgress: (n) => bar.update(n),
    },
  );
  bar.done();
  console.log(
    `${summary.created} created${args.publish ? " and published" : " as drafts"}, ${summary.failed} refused.`,
  );
  const failed = summary.results.filter((r) => !r.ok);
  for (const f of failed.slice(0, 20)) console.log(`  line ${f.line}: ${f.ok ? "" : f.message}`);
  if (failed.length > 20) console.log(`  … and ${failed.length - 20} more`);
  if (args.report) {
    fs.writeFileSync(args.report, failed.map((f) => JSON.stringify(f)).join("\n") + "\n");
    console.log(`Row errors written to ${args.report}`);
  }
  if (failed.length > 0) process.exitCode = 2;
} catch (e) {
  // No bar drawn to 100% here: nothing (or not everything) was imported.
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
