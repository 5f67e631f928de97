import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { ledgerEntries } from "@/db/schema";
import { writeCheckpoint } from "@/lib/ledger/checkpoint";
import { checkpointExportDir, exportCheckpoints } from "@/lib/ledger/checkpoint-export";
import { checkpointFileName } from "@/lib/ledger/checkpoint-format";
import { keySet } from "@/lib/keys";
import { loadVerificationKeys, verifyLedger, type LedgerReport } from "@/lib/ledger/verify";
import {
  asTamperer,
  deposit,
  dropCheckpointsAfter,
  entriesOf,
  lastCheckpointNumber,
  learnerAccount,
  recomputeChainFrom,
  restoreRows,
} from "../support/ledger-integrity-fixtures";

const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

/** A checkpoint over everything so far, with every stored checkpoint's file in the export dir. */
async function checkpoint(): Promise<number> {
  const out = await writeCheckpoint();
  expect(out.status).toBe("written");
  // On a shared PostgreSQL database earlier test files may have stored checkpoints too.
  await exportCheckpoints(await getDb());
  return out.status === "written" ? out.number : 0;
}

const verify = async (dir?: string) => verifyLedger({ db: await getDb(), dir, pageSize: 7 });
const problemOf = (r: LedgerReport, account: string) =>
  r.entryProblems.filter((p) => p.account === account);

describe(`[LEDGER] the verifier names tampered entries against the exported checkpoints (${engine})`, () => {
  let start = 0;
  beforeAll(async () => {
    start = await lastCheckpointNumber();
  });
  afterAll(async () => {
    await dropCheckpointsAfter(start);
  });

  it("a clean ledger verifies; entries after the last checkpoint are checked for chain consistency only", async () => {
    const a = await learnerAccount();
    const b = await learnerAccount();
    await deposit(a.id, 3);
    await deposit(b.id, 2);
    const n = await checkpoint();
    await deposit(a.id, 2);
    const report = await verify();
    expect(report.checkpointProblems).toEqual([]);
    expect(report.entryProblems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.trustedThrough).toBe(n);
    expect(report.chains!.entries).toBeGreaterThanOrEqual(7);
    expect(report.chains!.afterCheckpoint).toBeGreaterThanOrEqual(2);
    expect(report.notes.join(" ")).toMatch(/checked for chain consistency only/);

    // The public keys from a file or a URL (e.g. /.well-known/jwks.json): private parts dropped.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "exchange-jwks-")), "jwks.json");
    fs.writeFileSync(file, JSON.stringify(await keySet("ledger")));
    const fromFile = await loadVerificationKeys(file);
    expect(fromFile.length).toBeGreaterThan(0);
    expect(fromFile.some((k) => "d" in k)).toBe(false);
    expect((await verifyLedger({ db: await getDb(), keys: fromFile })).ok).toBe(true);
    const server = http.createServer((_, res) => res.end(fs.readFileSync(file)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const fromUrl = await loadVerificationKeys(`http://127.0.0.1:${port}/.well-known/jwks.json`);
      expect(fromUrl).toEqual(fromFile);
    } finally {
      server.close();
      fs.rmSync(path.dirname(file), { recursive: true });
    }
  });

  it("an altered row: named by account, number and seq", async () => {
    const acc = await learnerAccount();
    const rows = await deposit(acc.id, 4);
    await checkpoint();
    await asTamperer(async (tx) => {
      await tx
        .update(ledgerEntries)
        .set({ creditsX100: 99_900 })
        .where(and(eq(ledgerEntries.accountId, acc.id), eq(ledgerEntries.seq, 2)));
    });
    try {
      const report = await verify();
      expect(report.ok).toBe(false);
      expect(problemOf(report, acc.id)).toEqual([
        expect.objectContaining({
          account: acc.id,
          accountNumber: acc.number,
          seq: 2,
          problem: "altered",
        }),
      ]);
    } finally {
      await restoreRows([rows[1]!]);
    }
    expect(problemOf(await verify(), acc.id)).toEqual([]);
  });

  it("a deleted row, in the middle or at the checkpointed head: named as missing", async () => {
    const acc = await learnerAccount();
    const rows = await deposit(acc.id, 5);
    await checkpoint();
    for (const seq of [3, 5]) {
      await asTamperer(async (tx) => {
        await tx
          .delete(ledgerEntries)
          .where(and(eq(ledgerEntries.accountId, acc.id), eq(ledgerEntries.seq, seq)));
      });
      try {
        const found = problemOf(await verify(), acc.id);
        expect(found).toEqual([expect.objectContaining({ seq, problem: "missing" })]);
      } finally {
        await restoreRows([rows[seq - 1]!]);
      }
    }
    expect(problemOf(await verify(), acc.id)).toEqual([]);
  });

  it("a chain recomputed consistently from its third entry on: named at seq 3 as rewritten", async () => {
    const acc = await learnerAccount();
    const other = await learnerAccount();
    const rows = await deposit(acc.id, 6);
    await deposit(other.id, 2);
    await checkpoint();
    await recomputeChainFrom(acc.id, 3);
    try {
      const forged = await entriesOf(acc.id);
      expect(forged[2]!.titleEn).toMatch(/forged/);
      expect(forged[2]!.hash).not.toBe(rows[2]!.hash);
      const report = await verify();
      expect(problemOf(report, acc.id)).toEqual([
        expect.objectContaining({
          account: acc.id,
          accountNumber: acc.number,
          seq: 3,
          problem: "rewritten",
        }),
      ]);
      expect(problemOf(report, other.id)).toEqual([]);
      // Without the checkpoint files the forged chain is self-consistent: the files catch it.
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), "exchange-ledger-none-"));
      const blind = await verify(empty);
      expect(problemOf(blind, acc.id)).toEqual([]);
      expect(blind.notes.join(" ")).toMatch(/No checkpoint files/);
      fs.rmSync(empty, { recursive: true });
    } finally {
      await restoreRows(rows.slice(2));
    }
    expect(problemOf(await verify(), acc.id)).toEqual([]);
  });

  it("a checkpoint file with one changed byte in its JWS fails; a forged leaf list fails its root", async () => {
    const acc = await learnerAccount();
    await deposit(acc.id, 2);
    const n = await checkpoint();
    const file = path.join(checkpointExportDir(), checkpointFileName(n));
    const original = fs.readFileSync(file, "utf8");
    const parsed = JSON.parse(original) as { jws: string; leaves: { seq: number }[] };
    const [h, p, s] = parsed.jws.split(".") as [string, string, string];
    const flip = (text: string, i: number) =>
      text.slice(0, i) + (text[i] === "A" ? "B" : "A") + text.slice(i + 1);
    try {
      for (const jws of [`${h}.${p}.${flip(s, 20)}`, `${h}.${flip(p, 30)}.${s}`]) {
        fs.writeFileSync(file, original.replace(parsed.jws, jws));
        const report = await verify();
        expect(report.ok).toBe(false);
        expect(report.checkpointProblems).toContainEqual(
          expect.objectContaining({ checkpoint: n, problem: "bad-signature" }),
        );
      }
      const forged = {
        ...parsed,
        leaves: parsed.leaves.map((l, i) => (i === 0 ? { ...l, seq: l.seq + 1 } : l)),
      };
      fs.writeFileSync(file, JSON.stringify(forged));
      const report = await verify();
      expect(report.checkpointProblems).toContainEqual(
        expect.objectContaining({ checkpoint: n, problem: "root-mismatch" }),
      );
      // Trust ends at the bad file: its entries are not used to judge the database.
      expect(report.trustedThrough).toBe(n - 1 || null);
    } finally {
      fs.writeFileSync(file, original);
    }
    expect((await verify()).ok).toBe(true);
  });

  it("a missing checkpoint file and a broken link between files are reported", async () => {
    const acc = await learnerAccount();
    await deposit(acc.id, 1);
    const first = await checkpoint();
    await deposit(acc.id, 1);
    const second = await checkpoint();
    const dir = checkpointExportDir();
    const firstFile = path.join(dir, checkpointFileName(first));
    const saved = fs.readFileSync(firstFile);
    fs.rmSync(firstFile);
    try {
      const report = await verify();
      expect(report.checkpointProblems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ checkpoint: second, problem: "missing-checkpoint" }),
          expect.objectContaining({ checkpoint: first, problem: "missing-file" }),
        ]),
      );
    } finally {
      fs.writeFileSync(firstFile, saved);
    }
    expect((await verify()).ok).toBe(true);
  });
});
