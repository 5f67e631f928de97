import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { asc } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { ledgerCheckpoints } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { checkpointFileName, formatCheckpointFile, type CheckpointFile } from "./checkpoint-format";

/** Where checkpoint files go: `LEDGER_EXPORT_DIR`, else `$DATA_DIR/ledger/checkpoints`. */
export function checkpointExportDir(): string {
  const env = getEnv();
  return path.resolve(env.LEDGER_EXPORT_DIR ?? path.join(env.DATA_DIR, "ledger", "checkpoints"));
}

/**
 * Write one checkpoint's file, atomically (a reader never sees half a file): written aside,
 * then renamed into place. Rewriting an existing file with the same checkpoint is harmless.
 */
export function writeCheckpointFile(file: CheckpointFile, dir = checkpointExportDir()): string {
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, checkpointFileName(file.checkpoint.number));
  const tmp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, formatCheckpointFile(file));
  fs.renameSync(tmp, target);
  return target;
}

/**
 * (Re)write every stored checkpoint's file from `ledger_checkpoints`, one row at a time (a first
 * checkpoint can list every entry ever written). For a new export directory, or — with
 * `onlyMissing` — after a crash or a full disk between a row's commit and its file.
 */
export async function exportCheckpoints(
  db: DbOrTx,
  dir = checkpointExportDir(),
  opts: { onlyMissing?: boolean } = {},
): Promise<{ dir: string; files: string[] }> {
  const numbers = await db
    .select({ number: ledgerCheckpoints.number })
    .from(ledgerCheckpoints)
    .orderBy(asc(ledgerCheckpoints.number));
  const files: string[] = [];
  for (const { number } of numbers) {
    if (opts.onlyMissing && fs.existsSync(path.join(dir, checkpointFileName(number)))) continue;
    const row = await db.query.ledgerCheckpoints.findFirst({
      where: (c, { eq }) => eq(c.number, number),
      columns: { file: true },
    });
    files.push(writeCheckpointFile(row!.file as CheckpointFile, dir));
  }
  return { dir, files };
}
