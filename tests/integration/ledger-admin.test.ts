import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { auditLog, ledgerEntries } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { AppError } from "@/lib/errors";
import { idle } from "@/lib/form-state";
import { verifyLedgerAction, writeCheckpointAction } from "@/lib/ledger/admin-actions";
import { checkpointNow, listCheckpoints, verifyNow } from "@/lib/ledger/admin";
import { exportCheckpoints } from "@/lib/ledger/checkpoint-export";
import { createUser, mustViewer } from "../support/fixtures";
import {
  asTamperer,
  deposit,
  dropCheckpointsAfter,
  lastCheckpointNumber,
  learnerAccount,
  restoreRows,
} from "../support/ledger-integrity-fixtures";

const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({
  requireViewer: async () => {
    if (!session.viewer) throw new AppError("UNAUTHENTICATED", "sign_in_required", "sign in");
    return session.viewer;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const engine = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const form = () => new FormData();

describe(`[LEDGER] /admin/ledger: checkpoints and the verifier for the alliance admin (${engine})`, () => {
  let start = 0;
  let admin: Viewer;
  beforeAll(async () => {
    start = await lastCheckpointNumber();
    admin = await mustViewer((await createUser({ platformRole: "admin" })).id);
  });
  afterAll(async () => {
    await dropCheckpointsAfter(start);
  });

  it("refuses everyone but the alliance admin", async () => {
    const learner = await mustViewer((await createUser()).id);
    const finance = await mustViewer((await createUser({ platformRole: "finance" })).id);
    for (const v of [learner, finance]) {
      await expect(listCheckpoints(v)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(checkpointNow(v)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(verifyNow(v)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    session.viewer = learner;
    expect(await writeCheckpointAction(idle, form())).toMatchObject({ reason: "forbidden" });
    expect(await verifyLedgerAction({ status: "idle" }, form())).toEqual({
      status: "error",
      reason: "forbidden",
    });
    expect(await lastCheckpointNumber()).toBe(start);
  });

  it("answers a call that is not a form before reading the session", async () => {
    session.viewer = null;
    const notForm = "x" as unknown as FormData;
    expect(await writeCheckpointAction(idle, notForm)).toMatchObject({ reason: "not_a_form" });
    expect(await verifyLedgerAction({ status: "idle" }, notForm)).toMatchObject({
      reason: "not_a_form",
    });
  });

  it("writes a checkpoint now (audited, listed newest first) and verifies a clean ledger", async () => {
    const acc = await learnerAccount();
    await deposit(acc.id, 2);
    session.viewer = admin;
    const state = await writeCheckpointAction(idle, form());
    expect(state).toMatchObject({
      status: "ok",
      params: { outcome: "written", number: start + 1 },
    });
    const [latest] = await listCheckpoints(admin);
    expect(latest).toMatchObject({ number: start + 1, entries: expect.any(Number) });
    expect(latest!.kid).toMatch(/^ledger-/);
    // By actor: on a shared PostgreSQL database earlier files' checkpoints (dropped after them)
    // used these numbers too, and the audit log keeps their rows.
    const audit = await (
      await getDb()
    )
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "ledger.checkpoint"), eq(auditLog.actorId, admin.userId)));
    expect(audit).toEqual([
      expect.objectContaining({
        targetType: "ledger_checkpoint",
        targetId: String(start + 1),
        after: expect.objectContaining({ root: latest!.root, kid: latest!.kid }),
      }),
    ]);

    await exportCheckpoints(await getDb());
    const verified = await verifyLedgerAction({ status: "idle" }, form());
    expect(verified).toMatchObject({
      status: "done",
      result: { ok: true, checkpointProblems: [], entryProblems: [] },
    });
  });

  it("verify now names the first bad entry of each account, with its number", async () => {
    const a = await learnerAccount();
    const b = await learnerAccount();
    const aRows = await deposit(a.id, 3);
    const bRows = await deposit(b.id, 2);
    await checkpointNow(admin);
    await exportCheckpoints(await getDb());
    await asTamperer(async (tx) => {
      for (const [account, seq] of [
        [a.id, 2],
        [a.id, 3],
        [b.id, 1],
      ] as const) {
        await tx
          .update(ledgerEntries)
          .set({ scoreX100: 1 })
          .where(and(eq(ledgerEntries.accountId, account), eq(ledgerEntries.seq, seq)));
      }
    });
    try {
      const view = await verifyNow(admin);
      expect(view.ok).toBe(false);
      const mine = view.entryProblems.filter((p) => [a.id, b.id].includes(p.account));
      expect(mine).toHaveLength(2);
      expect(mine).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            account: a.id,
            accountNumber: a.number,
            seq: 2,
            problem: "altered",
          }),
          expect.objectContaining({
            account: b.id,
            accountNumber: b.number,
            seq: 1,
            problem: "altered",
          }),
        ]),
      );
    } finally {
      await restoreRows([aRows[1]!, aRows[2]!, bRows[0]!]);
    }
    expect((await verifyNow(admin)).ok).toBe(true);
  });
});
