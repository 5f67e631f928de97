import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { resetEnvCache } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { jobHandlers } from "@/lib/jobs/handlers";
import { schedules } from "@/lib/jobs/topics";
import { drainJobs } from "@/lib/jobs/workers";
import { keySet, publicKeys, resetKeysForTests } from "@/lib/keys";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { checkpointExportDir, exportCheckpoints } from "@/lib/ledger/checkpoint-export";
import {
  checkpointFileName,
  checkpointHash,
  type CheckpointFile,
} from "@/lib/ledger/checkpoint-format";
import { verifyLedger } from "@/lib/ledger/verify";
import {
  checkpointsFrom,
  deposit,
  dropCheckpointsAfter,
  lastCheckpointNumber,
  learnerAccount,
} from "../support/ledger-integrity-fixtures";

const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const readFile = (n: number, dir = checkpointExportDir()) =>
  JSON.parse(fs.readFileSync(path.join(dir, checkpointFileName(n)), "utf8")) as CheckpointFile;

async function runCheckpointJob() {
  await (await getDb()).transaction((tx) => enqueue(tx, "ledger.checkpoint", {}));
  await drainJobs(jobHandlers, ["ledger.checkpoint"]);
}

describe(`[LEDGER] checkpoints: written, linked, exported, signed (${engine})`, () => {
  let start = 0;
  beforeAll(async () => {
    start = await lastCheckpointNumber();
  });
  afterAll(async () => {
    await dropCheckpointsAfter(start);
  });

  it("files hold the leaves and every entry since the previous checkpoint, linked by the JWS hash", async () => {
    const a = await learnerAccount();
    const b = await learnerAccount();
    const c = await learnerAccount();
    const aRows = await deposit(a.id, 2);
    await deposit(b.id, 1);
    const first = await writeCheckpoint();
    const aMore = await deposit(a.id, 1);
    const cRows = await deposit(c.id, 2);
    const second = await writeCheckpoint({ actorId: null });
    if (first.status !== "written" || second.status !== "written") throw new Error("not written");
    expect(second.number).toBe(first.number + 1);

    const f1 = readFile(first.number);
    const f2 = readFile(second.number);
    const mine = (f: CheckpointFile) =>
      f.entries.filter((e) => [a.id, b.id, c.id].includes(e.account));
    expect(mine(f1).filter((e) => e.account === a.id)).toEqual(
      aRows.map((r) => ({ account: a.id, seq: r.seq, hash: r.hash })),
    );
    // The second lists only what came after the first: a's third entry and c's two.
    expect(mine(f2)).toEqual(
      [...aMore, ...cRows]
        .map((r) => ({ account: r.accountId, seq: r.seq, hash: r.hash }))
        .sort((x, y) => (x.account < y.account ? -1 : x.account > y.account ? 1 : x.seq - y.seq)),
    );
    expect(f2.leaves).toEqual(
      expect.arrayContaining([
        { account: a.id, seq: 3, head: aMore[0]!.hash },
        { account: b.id, seq: 1, head: expect.any(String) },
        { account: c.id, seq: 2, head: cRows[1]!.hash },
      ]),
    );
    expect(f2.checkpoint.prevCheckpointHash).toBe(checkpointHash(f1.jws));
    expect(f2.checkpoint.accounts).toBe(f2.leaves.length);
    expect(f2.checkpoint.entries).toBe(f2.leaves.reduce((n, l) => n + l.seq, 0));

    // The row holds the same file; exporting from the table rewrites identical bytes.
    const [row] = await checkpointsFrom(second.number);
    expect(row).toMatchObject({
      number: second.number,
      jws: f2.jws,
      root: f2.checkpoint.root,
      kid: second.kid,
    });
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-ledger-export-"));
    const out = await exportCheckpoints(await getDb(), elsewhere);
    expect(out.files).toContain(path.join(elsewhere, checkpointFileName(second.number)));
    expect(fs.readFileSync(path.join(elsewhere, checkpointFileName(second.number)), "utf8")).toBe(
      fs.readFileSync(path.join(checkpointExportDir(), checkpointFileName(second.number)), "utf8"),
    );
    fs.rmSync(elsewhere, { recursive: true });
  });

  it("the hourly job writes a checkpoint only when there are new entries", async () => {
    expect(schedules).toContainEqual({
      topic: "ledger.checkpoint",
      cron: expect.stringMatching(/^\d+ \* \* \* \*$/),
    });
    const acc = await learnerAccount();
    await deposit(acc.id, 1);
    const before = await lastCheckpointNumber();
    await runCheckpointJob();
    expect(await lastCheckpointNumber()).toBe(before + 1);
    await runCheckpointJob();
    expect(await lastCheckpointNumber()).toBe(before + 1);
    // A file lost after its row committed (a full disk, a crash) is written by the next run.
    const lost = path.join(checkpointExportDir(), checkpointFileName(before + 1));
    const bytes = fs.readFileSync(lost, "utf8");
    fs.rmSync(lost);
    await runCheckpointJob();
    expect(fs.readFileSync(lost, "utf8")).toBe(bytes);
    expect(await lastCheckpointNumber()).toBe(before + 1);
    await deposit(acc.id, 1);
    await runCheckpointJob();
    expect(await lastCheckpointNumber()).toBe(before + 2);
    expect(fs.existsSync(path.join(checkpointExportDir(), checkpointFileName(before + 2)))).toBe(
      true,
    );
    // On demand, a checkpoint is written even when nothing changed.
    expect((await writeCheckpoint()).status).toBe("written");
  });

  it("two concurrent writers give consecutive checkpoints or one, never a duplicate number or a fork", async () => {
    const acc = await learnerAccount();
    const from = (await lastCheckpointNumber()) + 1;
    const outcomes: string[] = [];
    for (let round = 0; round < 5; round++) {
      await deposit(acc.id, 1);
      const [x, y] = await Promise.all([writeCheckpoint(), writeCheckpoint()]);
      outcomes.push(`${x.status}/${y.status}`);
      const written = [x, y].filter((o) => o.status === "written");
      expect(written.length).toBeGreaterThanOrEqual(1);
      const raced = [x, y].filter((o) => o.status === "raced");
      // A loser names the number it lost, which the winner holds.
      for (const r of raced) expect(written.map((w) => w.number)).toContain(r.number);
    }
    const rows = await checkpointsFrom(from);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => from + i));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    rows
      .slice(1)
      .forEach((r, i) => expect(r.prevCheckpointHash).toBe(checkpointHash(rows[i]!.jws)));
    await exportCheckpoints(await getDb());
    expect((await verifyLedger({ db: await getDb() })).ok).toBe(true);
    expect(outcomes).toHaveLength(5);
  });

  it("after rotating the key, old checkpoints still verify and new ones carry the new kid", async () => {
    const acc = await learnerAccount();
    await deposit(acc.id, 1);
    const old = await writeCheckpoint();
    if (old.status !== "written") throw new Error("not written");
    const oldSet = await keySet("ledger");
    const { privateKey } = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
    const fresh = { ...(await exportJWK(privateKey)), kid: "ledger-rotated-test", alg: "EdDSA" };
    process.env.LEDGER_SIGNING_JWKS = JSON.stringify({ keys: [fresh, ...oldSet.keys] });
    resetEnvCache();
    resetKeysForTests();
    try {
      await deposit(acc.id, 1);
      const rotated = await writeCheckpoint();
      if (rotated.status !== "written") throw new Error("not written");
      expect(rotated.kid).toBe("ledger-rotated-test");
      expect(old.kid).not.toBe(rotated.kid);
      await exportCheckpoints(await getDb());
      const report = await verifyLedger({ db: await getDb() });
      expect(report.checkpointProblems).toEqual([]);
      expect(report.checkpoints.map((c) => c.kid)).toEqual(
        expect.arrayContaining([old.kid, rotated.kid]),
      );
      expect(report.ok).toBe(true);
      // The retired key is what keeps the old ones verifying: without it they are unknown.
      const onlyNew = (await publicKeys("ledger")).filter((k) => k.kid === rotated.kid);
      const partial = await verifyLedger({ db: await getDb(), keys: onlyNew });
      expect(partial.checkpointProblems).toContainEqual(
        expect.objectContaining({ checkpoint: old.number, problem: "unknown-kid" }),
      );
    } finally {
      delete process.env.LEDGER_SIGNING_JWKS;
      resetEnvCache();
      resetKeysForTests();
      // Later files on a shared database verify with the demo key alone.
      await dropCheckpointsAfter(old.number);
      for (const name of fs.readdirSync(checkpointExportDir())) {
        if (Number.parseInt(name, 10) > old.number)
          fs.rmSync(path.join(checkpointExportDir(), name));
      }
    }
  });
});
