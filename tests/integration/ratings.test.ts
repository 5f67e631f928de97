import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-principal";
import { refundLine } from "@/lib/commerce/seller-refunds";
import { isAppError } from "@/lib/errors";
import { getMyRatingState, getRatingSummary } from "@/lib/ratings/queries";
import { rateResource } from "@/lib/ratings/service";
import { learner, sellerWithCourse } from "../support/commerce-fixtures";
import { enrolledOn, insertCompletion, voidCompletion } from "../support/ledger-fixtures";

beforeAll(async () => {
  await getDb();
});

async function ratingsOf(resourceId: string) {
  const db = await getDb();
  return db
    .select({ userId: s.ratings.userId, stars: s.ratings.stars, comment: s.ratings.comment })
    .from(s.ratings)
    .where(eq(s.ratings.resourceId, resourceId));
}

/** The refusal's code and reason (fails the test if the call succeeds). */
async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isAppError(e)) throw new Error(`expected an AppError, got ${String(e)}`);
  return { code: e.code, reason: e.reason, fields: Object.keys(e.fields ?? {}) };
}

describe("[RATINGS] who may rate a course", () => {
  it("a learner with a live pass may rate, and re-rating edits the one rating", async () => {
    const sale = await sellerWithCourse();
    const me = await learner();
    const enrolment = await enrolledOn(me, sale.course.id);
    await insertCompletion(enrolment, sale.seller.id, "fail");
    await insertCompletion(enrolment, sale.seller.id, "pass");
    expect(await getMyRatingState(me, sale.course.id)).toEqual({ mayRate: true, mine: null });

    const first = await rateResource(me, {
      resourceId: sale.course.id,
      stars: "4",
      comment: "  清楚实用  ",
    });
    expect(first.created).toBe(true);
    const again = await rateResource(me, { resourceId: sale.course.id, stars: 2 });
    expect(again).toEqual({ id: first.id, created: false });
    expect(await ratingsOf(sale.course.id)).toEqual([{ userId: me.userId, stars: 2, comment: "" }]);
    expect(await getMyRatingState(me, sale.course.id)).toEqual({
      mayRate: true,
      mine: { stars: 2, comment: "" },
    });

    const db = await getDb();
    const audits = await db
      .select({ action: s.auditLog.action, after: s.auditLog.after })
      .from(s.auditLog)
      .where(and(eq(s.auditLog.targetType, "rating"), eq(s.auditLog.targetId, first.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["rating.created", "rating.updated"]);
    expect(audits).toContainEqual({
      action: "rating.created",
      after: { stars: 4, comment: "清楚实用" },
    });
  });

  it("nobody else: not enrolled, enrolled without a result, failed only, voided, refunded", async () => {
    const sale = await sellerWithCourse();
    const outsider = await learner();
    const enrolledOnly = await learner();
    await enrolledOn(enrolledOnly, sale.course.id);
    const failed = await learner();
    await insertCompletion(await enrolledOn(failed, sale.course.id), sale.seller.id, "fail");
    const voided = await learner();
    const voidedPass = await insertCompletion(
      await enrolledOn(voided, sale.course.id),
      sale.seller.id,
      "pass",
    );
    await voidCompletion(voidedPass.id);
    const refunded = await learner();
    const refundedEnrolment = await enrolledOn(refunded, sale.course.id);
    await insertCompletion(refundedEnrolment, sale.seller.id, "pass");
    await refundLine(sale.sellerFinance, {
      institutionSlug: sale.seller.slug,
      lineId: refundedEnrolment.orderLineId,
      reason: "test",
    });

    const cases: [string, Viewer][] = [
      ["outsider", outsider],
      ["enrolled only", enrolledOnly],
      ["failed", failed],
      ["voided", voided],
      ["refunded", refunded],
    ];
    for (const [who, viewer] of cases) {
      const state = await getMyRatingState(viewer, sale.course.id);
      expect(state, who).toEqual({ mayRate: false, reason: "rating_needs_pass", mine: null });
      expect(await refusal(rateResource(viewer, { resourceId: sale.course.id, stars: 5 }))).toEqual(
        { code: "FORBIDDEN", reason: "rating_needs_pass", fields: [] },
      );
    }
    expect(await ratingsOf(sale.course.id)).toEqual([]);
  });
});

describe("[RATINGS] learning resources", () => {
  it("an enrolled learner may rate one (it has no completion); another learner may not", async () => {
    const sale = await sellerWithCourse({
      kind: "learning_resource",
      creditsX100: 0,
      completionRule: { minScore: null, minAttendancePct: null },
    });
    const enrolled = await learner();
    await enrolledOn(enrolled, sale.course.id);
    const other = await learner();
    await rateResource(enrolled, { resourceId: sale.course.id, stars: 5, comment: "Great labs" });
    expect(await refusal(rateResource(other, { resourceId: sale.course.id, stars: 1 }))).toEqual({
      code: "FORBIDDEN",
      reason: "rating_needs_enrolment",
      fields: [],
    });
    expect(await getMyRatingState(other, sale.course.id)).toMatchObject({ mayRate: false });
    expect(await ratingsOf(sale.course.id)).toEqual([
      { userId: enrolled.userId, stars: 5, comment: "Great labs" },
    ]);
  });
});

describe("[RATINGS] summary and bad input", () => {
  it("averages the shown ratings, lists the latest comments, and leaves hidden ones out", async () => {
    const sale = await sellerWithCourse({
      kind: "learning_resource",
      creditsX100: 0,
      completionRule: { minScore: null, minAttendancePct: null },
    });
    const raters: Viewer[] = [];
    for (const stars of [5, 4, 4]) {
      const v = await learner();
      await enrolledOn(v, sale.course.id);
      await rateResource(v, {
        resourceId: sale.course.id,
        stars,
        comment: stars === 5 ? "" : `${stars} stars`,
      });
      raters.push(v);
    }
    const summary = await getRatingSummary(sale.course.id);
    expect(summary).toMatchObject({ count: 3, average: 4.3 });
    expect(summary.latest.map((r) => r.comment).sort()).toEqual(["4 stars", "4 stars"]);

    const db = await getDb();
    await db
      .update(s.ratings)
      .set({ hidden: true })
      .where(and(eq(s.ratings.resourceId, sale.course.id), eq(s.ratings.stars, 5)));
    expect(await getRatingSummary(sale.course.id)).toMatchObject({ count: 2, average: 4 });
    const none = await getRatingSummary((await sellerWithCourse()).course.id);
    expect(none).toEqual({ count: 0, average: null, latest: [] });
  });

  it("refuses bad input naming the field, and changes nothing", async () => {
    const sale = await sellerWithCourse();
    const me = await learner();
    await insertCompletion(await enrolledOn(me, sale.course.id), sale.seller.id, "pass");
    const id = sale.course.id;
    const bad: [unknown, string][] = [
      [{ resourceId: id, stars: 0 }, "stars"],
      [{ resourceId: id, stars: 6 }, "stars"],
      [{ resourceId: id, stars: 2.5 }, "stars"],
      [{ resourceId: id, stars: "x" }, "stars"],
      [{ resourceId: id }, "stars"],
      [{ resourceId: id, stars: 3, comment: "a".repeat(2001) }, "comment"],
      [{ resourceId: id, stars: 3, comment: "nul\u0000" }, "comment"],
      [{ resourceId: id, stars: 3, userId: me.userId }, "userId"],
      [{ resourceId: "not-a-uuid", stars: 3 }, "resourceId"],
    ];
    for (const [input, field] of bad) {
      expect(await refusal(rateResource(me, input)), field).toEqual({
        code: "BAD_REQUEST",
        reason: "validation",
        fields: [field],
      });
    }
    await rateResource(me, { resourceId: id, stars: 3, comment: "a".repeat(2000) });
    expect(await ratingsOf(id)).toHaveLength(1);
    expect(
      await refusal(
        rateResource(me, { resourceId: "00000000-0000-4000-8000-000000000000", stars: 3 }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
  });
});
