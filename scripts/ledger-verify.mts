// npm run ledger:verify [-- --dir <dir>] [--jwks <file or URL>] [--json] [--files-only]
// Re-check every ledger chain against the exported checkpoint files with public keys only, and
// name the first altered, missing or rewritten entry of each account (docs/LEDGER.md §5).
// Exit code: 0 verified, 1 a problem was found, 2 the database could not be read.
import { parseArgs } from "node:util";
import { closeDb, getDb, type Db } from "@/db";
import { getEnv } from "@/lib/env";
import { checkpointExportDir } from "@/lib/ledger/checkpoint-export";
import { loadVerificationKeys, verifyLedger, type LedgerReport } from "@/lib/ledger/verify";

const usage = `Usage: npm run ledger:verify [-- --dir <directory>] [--jwks <file or URL>] [--json] [--files-only]
  --dir         the checkpoint files (default: ${checkpointExportDir()})
  --jwks        the public JWK set (default: the public keys of the configured ledger key set)
  --json        print the report as JSON
  --files-only  check the checkpoint files without reading the database
Exit code: 0 verified, 1 a problem was found, 2 the database could not be read.`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        dir: { type: "string" },
        jwks: { type: "string" },
        json: { type: "boolean" },
        "files-only": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${usage}`);
    process.exit(1);
  }
}
const args = parseCommandLine();
if (args.help) {
  console.log(usage);
  process.exit(0);
}

/** The database, or why it cannot be read (the demo server holds the embedded one). */
async function openDatabase(): Promise<{ db: Db | null; why: string | null }> {
  if (args["files-only"]) return { db: null, why: "--files-only" };
  try {
    return { db: await getDb(), why: null };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (getEnv().DATABASE_URL || !/in use by process/.test(message)) throw e;
    return {
      db: null,
      why:
        `${message}\nThe entries were NOT checked: stop the server and run npm run ledger:verify ` +
        "again (with PostgreSQL, DATABASE_URL, it runs beside the server).",
    };
  }
}

function print(r: LedgerReport, why: string | null): void {
  const out: string[] = ["Ledger verification", `  checkpoint files: ${r.dir}`];
  const last = r.checkpoints.at(-1);
  out.push(
    last
      ? `  ${r.checkpoints.length} signed checkpoint(s) verified, the last #${last.number} of ` +
          `${last.createdAt} (${last.accounts} accounts, ${last.entries} entries, key ${last.kid})`
      : "  no verified checkpoint",
  );
  if (r.chains) {
    out.push(
      `  entries read from the database: ${r.chains.entries} in ${r.chains.accounts} accounts ` +
        `(${r.chains.afterCheckpoint} after the last checkpoint: chain consistency only)`,
    );
  }
  for (const n of r.notes) out.push(`  note: ${n}`);
  const problems = [
    ...r.checkpointProblems.map(
      (p) => `checkpoint #${p.checkpoint ?? "?"} (${p.file}): ${p.problem} — ${p.detail}`,
    ),
    ...r.entryProblems.map(
      (p) =>
        `account ${p.accountNumber ?? "(number unknown)"} ${p.account}: entry seq ${p.seq} ` +
        `${p.problem} — ${p.detail}`,
    ),
  ];
  if (problems.length > 0) {
    out.push("", `PROBLEMS (${problems.length}; the first of each account):`);
    for (const p of problems) out.push(`  ✗ ${p}`);
  }
  if (why) out.push("", `DATABASE NOT READ: ${why}`);
  out.push(
    "",
    problems.length > 0
      ? "Result: FAILED"
      : why
        ? "Result: checkpoint files verified; entries not checked"
        : "Result: the ledger verifies",
  );
  console.log(out.join("\n"));
}

try {
  const keys = await loadVerificationKeys(args.jwks);
  const { db, why } = await openDatabase();
  const report = await verifyLedger({ db, dir: args.dir, keys });
  if (args.json) console.log(JSON.stringify({ ...report, databaseNotRead: why }, null, 2));
  else print(report, why);
  process.exitCode = !report.ok ? 1 : db || args["files-only"] ? 0 : 2;
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
