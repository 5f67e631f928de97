// npm run ledger:checkpoint [-- --if-new] | [-- --export [--dir <dir>]]
// Write a signed ledger checkpoint now and export its file (docs/LEDGER.md §3–4), or (re)write
// every stored checkpoint's file from the database with --export.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db";
import { isAppError } from "@/lib/errors";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { checkpointExportDir, exportCheckpoints } from "@/lib/ledger/checkpoint-export";

const usage = `Usage: npm run ledger:checkpoint [-- --if-new]
       npm run ledger:checkpoint -- --export [--dir <directory>]
  --if-new   write one only when entries were added since the last checkpoint
  --export   (re)write every stored checkpoint's file (default directory: ${checkpointExportDir()})`;

let args;
try {
  args = parseArgs({
    options: {
      "if-new": { type: "boolean" },
      export: { type: "boolean" },
      dir: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (e) {
  console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
  process.exit(1);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

try {
  if (args.export) {
    const { dir, files } = await exportCheckpoints(await getDb(), args.dir);
    console.log(`Exported ${files.length} checkpoint file(s) to ${dir}`);
  } else {
    const out = await writeCheckpoint({ onlyIfNew: args["if-new"] });
    if (out.status === "written") {
      const p = out.payload;
      console.log(
        `Checkpoint #${p.number} written (${p.accounts} accounts, ${p.entries} entries, ` +
          `root ${p.root}, key ${out.kid})\n  ${out.file}`,
      );
    } else if (out.status === "unchanged") {
      console.log(`No new entries since checkpoint #${out.number ?? "—"}: nothing written.`);
    } else {
      console.log(`Another writer took checkpoint #${out.number} at the same moment; it stands.`);
    }
  }
} catch (e) {
  // A refusal (the ledger fails its own chain check) or the embedded database being in use.
  console.error(isAppError(e) || e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
