import { describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { POST as completionsRoute } from "@/app/api/v1/completions/route";
import { adminRefundLine } from "@/lib/commerce/seller-refunds";
import { ensureLearningAccount } from "@/lib/ledger/accounts";
import { apiRequest, issueApiKey } from "../support/api-fixtures";
import { boughtCourse, entriesOf, today } from "../support/completion-fixtures";

const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  completionsRoute(
    apiRequest("/api/v1/completions", {
      key,
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
  );

async function ledgerCount() {
  const db = await getDb();
  const [r] = await db.select({ n: count() }).from(s.ledgerEntries);
  return r!.n;
}

describe("POST /api/v1/completions", () => {
  it("records by account number and slug; a retry with the key answers the same; 200 unchanged without", async () => {
    const fx = await boughtCourse();
    const { key } = await issueApiKey(fx.seller.slug, ["completions:write"]);
    const account = await ensureLearningAccount(await getDb(), fx.buyer.userId);
    const body = {
      accountNumber: account.number,
      resourceSlug: fx.course.slug,
      score: 88,
      completedOn: today(),
      evidenceUrl: "https://lms.example.cn/grades/1",
    };
    const first = await post(key, body, { "idempotency-key": "grade-run-1" });
    expect(first.status).toBe(201);
    const json = await first.json();
    expect(json).toMatchObject({ outcome: "pass", status: "recorded", depositedX100: 300 });
    const retry = await post(key, body, { "idempotency-key": "grade-run-1" });
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(json);
    const plain = await post(key, body);
    expect(plain.status).toBe(200);
    expect(await plain.json()).toMatchObject({
      status: "unchanged",
      completionId: json.completionId,
    });
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(1);
  });

  it("refuses bad input with a clear error and deposits nothing", async () => {
    const fx = await boughtCourse();
    const other = await boughtCourse();
    const { key } = await issueApiKey(fx.seller.slug, ["completions:write"]);
    const { key: readOnly } = await issueApiKey(fx.seller.slug, ["catalogue:read"]);
    const ok = { enrolmentId: fx.enrolment.id, score: "75", completedOn: today() };
    const before = await ledgerCount();
    const cases: [unknown, number, RegExp][] = [
      [{ ...ok, enrolmentId: other.enrolment.id }, 403, /another institution/],
      [{ ...ok, enrolmentId: "6f1c1f9e-9a7b-4b7e-9a55-0d7d3c2f1a11" }, 404, /No such enrolment/],
      [{ ...ok, score: 101 }, 400, /Invalid input/],
      [{ ...ok, score: -1 }, 400, /Invalid input/],
      [{ ...ok, score: "12.345" }, 400, /Invalid input/],
      [{ ...ok, completedOn: "2999-01-01" }, 400, /in the future/],
      [{ ...ok, completedOn: "2020-01-01" }, 400, /before the enrolment/],
      [{ ...ok, completedOn: "2026-02-30" }, 400, /Invalid input/],
      [{ ...ok, score: undefined }, 400, /needs a score/],
      [{ ...ok, evidenceUrl: "javascript:alert(1)" }, 400, /Invalid input/],
      [{ ...ok, extra: 1 }, 400, /Invalid input/],
      [{ score: "75", completedOn: today() }, 400, /Invalid input/],
      [[1, 2], 400, /Invalid input/],
    ];
    for (const [body, status, reason] of cases) {
      const res = await post(key, body);
      const json = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(json.error.message, JSON.stringify(body)).toMatch(reason);
    }
    expect((await post(readOnly, ok)).status).toBe(403);
    expect(await ledgerCount()).toBe(before);
  });

  it("refuses a refunded enrolment (409) and deposits nothing", async () => {
    const fx = await boughtCourse();
    const db = await getDb();
    const [line] = await db.select().from(s.orderLines).where(eq(s.orderLines.orderId, fx.orderId));
    await adminRefundLine(fx.admin, { lineId: line!.id, reason: "learner asked" });
    const { key } = await issueApiKey(fx.seller.slug, ["completions:write"]);
    const res = await post(key, { enrolmentId: fx.enrolment.id, score: 90, completedOn: today() });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/refunded or revoked/);
    expect(await entriesOf(fx.enrolment.id)).toHaveLength(0);
  });
});
