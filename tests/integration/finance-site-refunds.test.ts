import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { refundLine } from "@/lib/commerce/seller-refunds";
import {
  buyInSandbox,
  buyingInstitution,
  learner,
  lineFor,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import { lineState, refundsOfLine } from "../support/finance-fixtures";

beforeAll(async () => {
  await getDb();
});

describe("[FINANCE] seller refunds of a site licence", () => {
  async function siteBought() {
    const sale = await sellerWithCourse({
      offers: { learner: { amountMinor: 19900 }, siteLicence: { amountMinor: 500000 } },
    });
    const buyer = await buyingInstitution();
    const placed = await buyInSandbox(buyer.finance, {
      buyer: buyer.inst.slug,
      lines: [await lineFor(sale.course.id, "site_licence")],
    });
    const db = await getDb();
    const [line] = await db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, placed.orderId));
    const [licence] = await db
      .select()
      .from(s.licences)
      .where(eq(s.licences.orderLineId, line!.id));
    // A learner of the licensee enrolled through it (the licence pages' work, set up directly).
    const who = await learner();
    const [e] = await db
      .insert(s.enrolments)
      .values({
        userId: who.userId,
        resourceId: sale.course.id,
        resourceVersionId: line!.resourceVersionId,
        creditsX100: 300,
        level: 6,
        fieldCode: "041",
        source: "site_licence",
        licenceId: licence!.id,
      })
      .returning();
    return { ...sale, line: line!, licence: licence!, enrolment: e! };
  }

  it("refunds the whole line, the licence and its site enrolments", async () => {
    const { seller, sellerFinance, line, licence, enrolment } = await siteBought();
    const done = await refundLine(sellerFinance, {
      institutionSlug: seller.slug,
      lineId: line.id,
    });
    expect(done).toMatchObject({ amountMinor: 500000, seats: null });
    const db = await getDb();
    const [lic] = await db.select().from(s.licences).where(eq(s.licences.id, licence.id));
    expect(lic!.status).toBe("refunded");
    const [e] = await db.select().from(s.enrolments).where(eq(s.enrolments.id, enrolment.id));
    expect(e!.status).toBe("revoked");
    expect(await lineState(line.id)).toMatchObject({ state: "refunded", refundedMinor: 500000 });
  });

  it("is refused once a site learner completed, and nothing changes", async () => {
    const { seller, sellerFinance, line, licence, enrolment } = await siteBought();
    const db = await getDb();
    await db
      .update(s.enrolments)
      .set({ status: "completed" })
      .where(eq(s.enrolments.id, enrolment.id));
    await expect(
      refundLine(sellerFinance, { institutionSlug: seller.slug, lineId: line.id }),
    ).rejects.toMatchObject({ reason: "refund_after_completion" });
    const [lic] = await db.select().from(s.licences).where(eq(s.licences.id, licence.id));
    expect(lic!.status).toBe("active");
    expect(await refundsOfLine(line.id)).toEqual([]);
  });
});
