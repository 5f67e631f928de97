import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { ledgerEntries } from "@/db/schema";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { exportCheckpoints } from "@/lib/ledger/checkpoint-export";
import {
  asTamperer,
  deposit,
  dropCheckpointsAfter,
  lastCheckpointNumber,
  learnerAccount,
  restoreRows,
} from "../support/ledger-integrity-fixtures";

const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-ledger-script-"));

/**
 * The environment the real command runs in: the same checkpoint directory and keys, and the same
 * database — PostgreSQL by its URL; this file's in-memory PGlite by a copy of its data directory,
 * which the child loads as its own in-memory database.
 */
async function childEnv(): Promise<NodeJS.ProcessEnv> {
  if (process.env.DATABASE_URL) return { ...process.env };
  const db = (await getDb()) as unknown as {
    $client: { dumpDataDir: (c: "none") => Promise<Blob> };
  };
  const file = path.join(scratch, `db-${Date.now()}.tar`);
  fs.writeFileSync(file, Buffer.from(await (await db.$client.dumpDataDir("none")).arrayBuffer()));
  return { ...process.env, PGLITE_DIR: "memory://", PGLITE_TEMPLATE: file };
}

/** `npm run ledger:verify` as a person would run it; its exit code and everything it printed. */
function runVerify(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", "ledger:verify"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe(`[LEDGER] npm run ledger:verify, the real command (${engine})`, () => {
  let start = 0;
  beforeAll(async () => {
    start = await lastCheckpointNumber();
  });
  afterAll(async () => {
    await dropCheckpointsAfter(start);
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("exits 1 naming the account (number and id) and the seq of a tampered row; 0 once it is put back", async () => {
    const acc = await learnerAccount();
    const rows = await deposit(acc.id, 3);
    expect((await writeCheckpoint()).status).toBe("written");
    await exportCheckpoints(await getDb());
    await asTamperer(async (tx) => {
      await tx
        .update(ledgerEntries)
        .set({ titleEn: "Tampered" })
        .where(and(eq(ledgerEntries.accountId, acc.id), eq(ledgerEntries.seq, 2)));
    });
    let bad;
    try {
      bad = await runVerify(await childEnv());
    } finally {
      await restoreRows([rows[1]!]);
    }
    expect(bad.code, bad.output).toBe(1);
    expect(bad.output).toContain(`account ${acc.number} ${acc.id}: entry seq 2 altered`);
    expect(bad.output).toContain("Result: FAILED");

    const good = await runVerify(await childEnv());
    expect(good.code, good.output).toBe(0);
    expect(good.output).toContain("Result: the ledger verifies");
    expect(good.output).not.toContain(acc.id);
  }, 180_000);

  it("exits 2 and says the server must be stopped when the embedded database is in use", async () => {
    const dir = path.join(scratch, "held");
    // This test process stands for the running demo server: its pid holds the lock.
    fs.writeFileSync(`${dir}.lock`, String(process.pid));
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dir };
    delete env.DATABASE_URL;
    const held = await runVerify(env);
    expect(held.code, held.output).toBe(2);
    expect(held.output).toMatch(/in use by process \d+/);
    expect(held.output).toContain("The entries were NOT checked: stop the server");
    // The checkpoint files were still checked.
    expect(held.output).toMatch(/signed checkpoint\(s\) verified|no verified checkpoint/);
    expect(fs.existsSync(dir)).toBe(false);
  }, 120_000);
});
