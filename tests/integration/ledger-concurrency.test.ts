import { describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { POST as completionsRoute } from "@/app/api/v1/completions/route";
import { adminRefundLine } from "@/lib/commerce/seller-refunds";
import { recordCompletion } from "@/lib/completions/record";
import { entryHash, GENESIS_HASH } from "@/lib/ledger/hash";
import { apiRequest, issueApiKey } from "../support/api-fixtures";
import { boughtCourse, entriesOf, massEnrolments, today } from "../support/completion-fixtures";

// Real contention needs real connections: PGlite runs one statement at a time.
const onPostgres = !!process.env.DATABASE_URL;

/** Every chain: seq 1..n without a gap, each entry linked to the one before and hashed right. */
async function checkChains(accountIds: string[]) {
  const db = await getDb();
  const rows = await db
    .select()
    .from(s.ledgerEntries)
    .where(inArray(s.ledgerEntries.accountId, accountIds))
    .orderBy(asc(s.ledgerEntries.accountId), asc(s.ledgerEntries.seq));
  const problems: string[] = [];
  let prev: (typeof rows)[number] | undefined;
  for (const e of rows) {
    const first = !prev || prev.accountId !== e.accountId;
    const want = first
      ? { seq: 1, prevHash: GENESIS_HASH }
      : { seq: prev!.seq + 1, prevHash: prev!.hash };
    if (e.seq !== want.seq || e.prevHash !== want.prevHash)
      problems.push(`${e.accountId}#${e.seq} link`);
    if (entryHash(e) !== e.hash) problems.push(`${e.accountId}#${e.seq} hash`);
    prev = e;
  }
  return { rows, problems };
}

describe.runIf(onPostgres)("[LEDGER] concurrent writers on PostgreSQL", () => {
  it("the same completion posted 100 times at once (API, CSV and UI mixed) deposits once", async () => {
    const fx = await boughtCourse();
    const { key } = await issueApiKey(fx.seller.slug, ["completions:write"]);
    const body = { enrolmentId: fx.enrolment.id, score: "77", completedOn: today() };
    const calls = Array.from({ length: 100 }, (_, i) => {
      if (i % 3 === 0) {
        return completionsRoute(
          apiRequest("/api/v1/completions", {
            key,
            method: "POST",
            body: JSON.stringify(body),
            headers: { "content-type": "application/json", "idempotency-key": `k-${i % 6}` },
          }),
        ).then(async (r) =>
          r.status < 300
            ? ((await r.json()) as { status: string; completionId: string })
            : { status: `http ${r.status}`, completionId: null },
        );
      }
      const source = i % 3 === 1 ? "csv" : "ui";
      return recordCompletion(fx.actor, fx.seller.slug, body, source);
    });
    const outcomes = await Promise.all(calls);
    // One completion recorded. If an API request recorded it, the later requests with its
    // Idempotency-Key get its stored answer ("recorded", the same completion); one racing its own
    // key's first request may be told it is in flight (409); nothing else.
    const recorded = new Set(
      outcomes.filter((o) => o.status === "recorded").map((o) => o.completionId),
    );
    expect(recorded.size).toBe(1);
    expect(outcomes.every((o) => ["recorded", "unchanged", "http 409"].includes(o.status))).toBe(
      true,
    );
    expect(new Set(outcomes.flatMap((o) => (o.completionId ? [o.completionId] : []))).size).toBe(1);
    const entries = await entriesOf(fx.enrolment.id);
    expect(entries).toHaveLength(1);
    const db = await getDb();
    const passes = await db
      .select()
      .from(s.completions)
      .where(eq(s.completions.enrolmentId, fx.enrolment.id));
    expect(passes).toHaveLength(1);
  });

  it("1,000 deposits over 200 learners from 20 writers: every chain whole, no gap, no fork", async () => {
    const fx = await massEnrolments(200, 5);
    const queue = [...fx.enrolmentIds].sort(() => Math.random() - 0.5);
    const outcomes: string[] = [];
    const writer = async () => {
      for (let id = queue.pop(); id; id = queue.pop()) {
        const r = await recordCompletion(
          fx.actor,
          fx.seller.slug,
          { enrolmentId: id, score: "80", completedOn: today() },
          "api",
        );
        outcomes.push(r.status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, writer));
    expect(outcomes.filter((o) => o === "recorded")).toHaveLength(1000);
    const db = await getDb();
    const accounts = await db
      .select({ id: s.learningAccounts.id })
      .from(s.learningAccounts)
      .where(
        inArray(
          s.learningAccounts.userId,
          fx.learners.map((l) => l.id),
        ),
      );
    expect(accounts).toHaveLength(200);
    const { rows, problems } = await checkChains(accounts.map((a) => a.id));
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.completionId)).size).toBe(1000);
  }, 120_000);

  it("an admin refund racing a completion ends with no deposit, or a deposit and its reversal", async () => {
    const runs = await Promise.all(Array.from({ length: 8 }, () => boughtCourse()));
    const db = await getDb();
    await Promise.all(
      runs.map(async (fx) => {
        const [line] = await db
          .select()
          .from(s.orderLines)
          .where(eq(s.orderLines.orderId, fx.orderId));
        const settled = await Promise.allSettled([
          recordCompletion(
            fx.actor,
            fx.seller.slug,
            {
              enrolmentId: fx.enrolment.id,
              score: "90",
              completedOn: today(),
            },
            "ui",
          ),
          adminRefundLine(fx.admin, { lineId: line!.id, reason: "refund racing a result" }),
        ]);
        // The refund always succeeds (the admin may refund after a deposit).
        expect(settled[1].status).toBe("fulfilled");
        const entries = await entriesOf(fx.enrolment.id);
        const kinds = entries.map((e) => e.kind).join(",");
        if (settled[0].status === "fulfilled") expect(kinds).toBe("deposit,reversal");
        else expect(kinds).toBe("");
        expect(entries.reduce((sum, e) => sum + e.creditsX100, 0)).toBe(0);
      }),
    );
  }, 60_000);
});
