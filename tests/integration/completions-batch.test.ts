import { describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import * as s from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordCompletion, refusesActor } from "@/lib/completions/record";
import { recordCompletionsIn } from "@/lib/completions/record-batch";
import { completionInputSchema } from "@/lib/completions/schemas";
import { enrolmentNotFound } from "@/lib/completions/target";
import { AppError, forbidden, isAppError, notFound } from "@/lib/errors";
import { entryHash, GENESIS_HASH } from "@/lib/ledger/hash";
import { boughtCourse, massEnrolments, today } from "../support/completion-fixtures";
import { createUser, mustViewer } from "../support/fixtures";

const answer = (r: PromiseSettledResult<{ status: string; outcome: string }>) =>
  r.status === "fulfilled"
    ? `${r.value.status} ${r.value.outcome}`
    : isAppError(r.reason)
      ? r.reason.reason
      : `error ${String(r.reason)}`;

describe("results sent together (recorded in shared batches)", () => {
  it("each result gets its own answer: good ones recorded once, bad ones refused alone", async () => {
    const fx = await massEnrolments(12, 1);
    const other = await boughtCourse();
    const ids = fx.enrolmentIds;
    const day = today();
    const send = (enrolmentId: string, over: Record<string, unknown> = {}) =>
      recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId, score: "80", completedOn: day, ...over },
        "ui",
      );
    const calls = [
      ...ids.slice(0, 10).map((id) => send(id)),
      send(ids[10]!), // the same result twice in one burst
      send(ids[10]!),
      send(ids[11]!), // a pass, then a different result for the same enrolment
      send(ids[11]!, { score: "95" }),
      send("00000000-0000-4000-8000-000000000000"),
      send(other.enrolment.id),
      send(ids[0]!, { score: "101" }),
      send(ids[1]!, { completedOn: "2999-01-01" }),
      send(ids[2]!, { score: "10" }), // a fail for an enrolment passed in the same burst
    ];
    const got = (await Promise.allSettled(calls)).map(answer);
    expect(got.slice(0, 10)).toEqual(Array(10).fill("recorded pass"));
    expect(got.slice(10, 12).sort()).toEqual(["recorded pass", "unchanged pass"]);
    expect(got.slice(12, 14)).toEqual(["recorded pass", "already_passed"]);
    expect(got.slice(14)).toEqual([
      "enrolment_not_found",
      "not_your_enrolment",
      "validation",
      "completion_in_future",
      "already_passed",
    ]);

    const db = await getDb();
    const entries = await db
      .select()
      .from(s.ledgerEntries)
      .where(inArray(s.ledgerEntries.enrolmentId, ids));
    expect(entries).toHaveLength(12);
    for (const e of entries) {
      expect(e).toMatchObject({ kind: "deposit", seq: 1, prevHash: GENESIS_HASH });
      expect(entryHash(e)).toBe(e.hash);
    }
    const done = await db
      .select()
      .from(s.completions)
      .where(inArray(s.completions.enrolmentId, ids));
    expect(done).toHaveLength(12);
    const issued = await db
      .select()
      .from(s.credentials)
      .where(
        inArray(
          s.credentials.completionId,
          done.map((c) => c.id),
        ),
      );
    expect(issued).toHaveLength(12);
    expect(new Set(issued.map((c) => c.statusIndex)).size).toBe(12);
    const audits = await db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, "completion.recorded"), inArray(s.auditLog.targetId, ids)));
    expect(audits).toHaveLength(12);
    const enrolled = await db.select().from(s.enrolments).where(inArray(s.enrolments.id, ids));
    expect(enrolled.every((e) => e.status === "completed")).toBe(true);
    // They were written together: a batch's rows share its timestamp.
    const times = new Set(done.map((c) => c.createdAt.getTime()));
    expect(times.size).toBeLessThan(done.length);
  });

  it("a stranger's burst is refused as a whole, each call with the same clear answer", async () => {
    const fx = await massEnrolments(3, 1);
    const stranger: Actor = { type: "user", viewer: await mustViewer((await createUser()).id) };
    const got = await Promise.allSettled(
      fx.enrolmentIds.map((enrolmentId) =>
        recordCompletion(
          stranger,
          fx.seller.slug,
          { enrolmentId, score: "80", completedOn: today() },
          "csv",
        ),
      ),
    );
    expect(got.map(answer)).toEqual(["forbidden", "forbidden", "forbidden"]);
    const db = await getDb();
    const rows = await db
      .select()
      .from(s.completions)
      .where(inArray(s.completions.enrolmentId, fx.enrolmentIds));
    expect(rows).toEqual([]);
  });

  it("only a refusal of the actor answers a whole batch; any other failure re-runs each result", () => {
    expect(refusesActor(forbidden())).toBe(true);
    expect(refusesActor(notFound("Institution not found"))).toBe(true);
    expect(refusesActor(new AppError("FORBIDDEN", "institution_not_active", "x"))).toBe(true);
    // One result's own refusals, and failures that are nobody's in particular, are not shared.
    expect(refusesActor(enrolmentNotFound())).toBe(false);
    expect(refusesActor(new AppError("CONFLICT", "already_passed", "x"))).toBe(false);
    expect(refusesActor(new AppError("BAD_REQUEST", "completion_in_future", "x"))).toBe(false);
    expect(refusesActor(new Error("deadlock detected"))).toBe(false);
  });

  it("a fail needs no credential facts: one on an enrolment whose field is gone is recorded", async () => {
    const fx = await massEnrolments(1, 2);
    const db = await getDb();
    const [gone, kept] = fx.enrolmentIds;
    // A field code no field of study has (retired since the purchase): no facts join.
    await db
      .update(s.enrolments)
      .set({ fieldCode: "zz-retired" })
      .where(eq(s.enrolments.id, gone!));
    const day = today();
    const [fail, pass] = await Promise.all([
      recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId: gone, score: "10", completedOn: day },
        "api",
      ),
      recordCompletion(
        fx.actor,
        fx.seller.slug,
        { enrolmentId: kept, score: "90", completedOn: day },
        "api",
      ),
    ]);
    expect(fail).toMatchObject({ outcome: "fail", status: "recorded", entryId: null });
    expect(pass).toMatchObject({ outcome: "pass", status: "recorded" });
  });

  it("one learner's several results in one batch chain one after another", async () => {
    const fx = await massEnrolments(2, 3);
    const day = today();
    const got = await Promise.all(
      fx.enrolmentIds.map((enrolmentId) =>
        recordCompletion(
          fx.actor,
          fx.seller.slug,
          { enrolmentId, score: "90", completedOn: day },
          "api",
        ),
      ),
    );
    expect(got.every((r) => r.status === "recorded" && r.entryId)).toBe(true);
    const db = await getDb();
    for (const person of fx.learners) {
      const [account] = await db
        .select()
        .from(s.learningAccounts)
        .where(eq(s.learningAccounts.userId, person.id));
      const chain = await db
        .select()
        .from(s.ledgerEntries)
        .where(eq(s.ledgerEntries.accountId, account!.id))
        .orderBy(s.ledgerEntries.seq);
      expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
      chain.forEach((e, k) => {
        expect(e.prevHash).toBe(k === 0 ? GENESIS_HASH : chain[k - 1]!.hash);
        expect(entryHash(e)).toBe(e.hash);
      });
    }
  });

  it("plans a batch's statements for their indexes: generic plans, no table scanned whole", async () => {
    const fx = await massEnrolments(1, 1);
    const db = await getDb();
    const settings = await db.transaction(async (tx) => {
      await recordCompletionsIn(
        tx,
        fx.actor,
        fx.seller.slug,
        [
          completionInputSchema.parse({
            enrolmentId: fx.enrolmentIds[0]!,
            score: "80",
            completedOn: today(),
          }),
        ],
        "ui",
      );
      return selectRows<{ mode: string; seqscan: string }>(
        tx,
        sql`select current_setting('plan_cache_mode') as mode,
          current_setting('enable_seqscan') as seqscan`,
      );
    });
    expect(settings).toEqual([{ mode: "force_generic_plan", seqscan: "off" }]);
    // Local to the batch's transaction: the connection's next one plans as usual.
    const [after] = await selectRows<{ seqscan: string }>(
      db,
      sql`select current_setting('enable_seqscan') as seqscan`,
    );
    expect(after!.seqscan).toBe("on");
  });
});
