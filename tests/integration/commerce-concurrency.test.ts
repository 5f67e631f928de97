import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { placeOrder } from "@/lib/commerce/checkout";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { learner, lineFor, runAllJobs, sellerWithCourse } from "../support/commerce-fixtures";

// Real contention needs real connections: PGlite runs one statement at a time.
const onPostgres = !!process.env.DATABASE_URL;

beforeAll(async () => {
  await getDb();
});
afterEach(() => {
  vi.useRealTimers();
});

const PRICE = 100;

async function limitedCourse(capacity: number) {
  return sellerWithCourse({ capacity, offers: { learner: { amountMinor: PRICE } } });
}

/** Place and pay; a refusal at checkout is an answer too. */
async function buy(v: Viewer, resourceId: string): Promise<string> {
  try {
    const placed = await placeOrder(v, {
      buyer: "self",
      lines: [await lineFor(resourceId, "learner")],
    });
    const url = await startPayment(v, { orderId: placed.orderId });
    await decideSandboxPayment(v, { sessionId: url.split("/").at(-1), decision: "confirm" });
    return "paid";
  } catch (e) {
    return (e as { reason?: string }).reason ?? String(e);
  }
}

/** Captured minus refunded (after the refund jobs ran) over the resource's orders. */
async function netTaken(resourceId: string): Promise<number> {
  await runAllJobs();
  const db = await getDb();
  const orderIds = db
    .select({ id: s.orderLines.orderId })
    .from(s.orderLines)
    .where(eq(s.orderLines.resourceId, resourceId));
  const [row] = await db
    .select({
      net: sql<string>`coalesce(sum(${s.payments.amountMinor} - ${s.payments.refundedMinor}), 0)`,
    })
    .from(s.payments)
    .where(inArray(s.payments.orderId, orderIds));
  return Number(row!.net);
}

async function liveEnrolments(resourceId: string): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ id: s.enrolments.id })
    .from(s.enrolments)
    .where(and(eq(s.enrolments.resourceId, resourceId), inArray(s.enrolments.status, ["active"])));
  return rows.length;
}

describe.runIf(onPostgres)("[COMMERCE] concurrent buyers on PostgreSQL", () => {
  it("100 buyers at once for 10 places: 10 enrolments, the rest refused before paying", async () => {
    const { course } = await limitedCourse(10);
    const buyers = await Promise.all(Array.from({ length: 100 }, () => learner()));
    const answers = await Promise.all(buyers.map((b) => buy(b, course.id)));
    expect(answers.filter((a) => a === "paid")).toHaveLength(10);
    expect(answers.filter((a) => a !== "paid").every((a) => a === "sold_out")).toBe(true);
    expect(await liveEnrolments(course.id)).toBe(10);
    expect(await netTaken(course.id)).toBe(10 * PRICE);
  }, 120_000);

  it("payments arriving after their hold lapsed and the places were resold are refunded", async () => {
    const { course } = await limitedCourse(10);
    const late = await Promise.all(Array.from({ length: 10 }, () => learner()));
    const sessions = await Promise.all(
      late.map(async (v) => {
        const placed = await placeOrder(v, {
          buyer: "self",
          lines: [await lineFor(course.id, "learner")],
        });
        return (await startPayment(v, { orderId: placed.orderId })).split("/").at(-1)!;
      }),
    );
    // The holds lapse (30 minutes) and ten others take the places.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 31 * 60_000 });
    const others = await Promise.all(Array.from({ length: 10 }, () => learner()));
    expect(await Promise.all(others.map((v) => buy(v, course.id)))).toEqual(Array(10).fill("paid"));
    // Now the late payments arrive, all at once: none may take a place.
    await Promise.all(
      late.map((v, i) => decideSandboxPayment(v, { sessionId: sessions[i], decision: "confirm" })),
    );
    expect(await liveEnrolments(course.id)).toBe(10);
    const db = await getDb();
    const lines = await db
      .select({ state: s.orderLines.state, reason: s.orderLines.stateReason })
      .from(s.orderLines)
      .where(eq(s.orderLines.resourceId, course.id));
    expect(lines.filter((l) => l.state === "unfulfillable")).toHaveLength(10);
    expect(
      lines.filter((l) => l.state === "unfulfillable").every((l) => l.reason === "sold_out"),
    ).toBe(true);
    expect(await netTaken(course.id)).toBe(10 * PRICE);
  }, 120_000);

  it("one learner buying the same course twice at once is charged once", async () => {
    const { course } = await limitedCourse(50);
    const me = await learner();
    const answers = await Promise.all([buy(me, course.id), buy(me, course.id), buy(me, course.id)]);
    // Each attempt was either refused at checkout or paid; only one enrolment exists.
    expect(answers.every((a) => a === "paid" || a === "already_enrolled")).toBe(true);
    expect(await liveEnrolments(course.id)).toBe(1);
    expect(await netTaken(course.id)).toBe(PRICE);
  }, 60_000);
});
