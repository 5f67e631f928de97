// npm run catalogue:import -- --institution <slug> --file <jsonl|csv> [--publish] [--resume <import id>]
// One resource per line/row, with the fields of POST /api/v1/resources. The file is read as a
// stream twice: once to check it whole (a bad CSV imports nothing), once to import in batches.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { closeDb } from "@/db";
import { vacuumImportedTables } from "@/lib/catalogue/import";
import { formatOfFileName } from "@/lib/catalogue/import-file";
import { importFromFile } from "@/lib/catalogue/import-from-file";
import { progressBar } from "./progress";

const usage =
  "usage: npm run catalogue:import -- --institution <slug> --file <file.jsonl|file.csv> [--publish] [--resume <import id>] [--report <errors.jsonl>]";
let args;
try {
  args = parseArgs({
    options: {
      institution: { type: "string" },
      file: { type: "string" },
      publish: { type: "boolean", default: false },
      resume: { type: "string" },
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

const file = args.file;
const format = formatOfFileName(file) ?? "jsonl";
const operator = { type: "operator", name: "catalogue:import" } as const;
let bar: ReturnType<typeof progressBar> | null = null;
try {
  const summary = await importFromFile(operator, args.institution, file, format, {
    publish: args.publish,
    resumeId: args.resume,
    onStart: (total) => (bar = progressBar(total, "import")),
    onProgress: (n) => bar?.update(n),
  });
  bar!.done();
  const { importId } = summary;
  await vacuumImportedTables();
  console.log(
    `Import ${importId}: ${summary.created} created${args.publish ? " and published" : " as drafts"}, ${summary.alreadyImported} already imported, ${summary.failed} refused.`,
  );
  const failed = summary.results.filter((r) => !r.ok);
  for (const f of failed.slice(0, 20)) console.log(`  line ${f.line}: ${f.ok ? "" : f.message}`);
  if (failed.length > 20) console.log(`  … and ${failed.length - 20} more`);
  const warned = summary.results.filter((r) => r.warnings?.length).length;
  if (warned > 0) console.log(`  ${warned} rows without a known fieldCode were given 999.`);
  if (failed.length > 0) {
    console.log(`  Fix the refused rows and run again with --resume ${importId}.`);
  }
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
