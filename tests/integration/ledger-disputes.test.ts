import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { disputeClosed, disputeOpened } from "@/lib/commerce/disputes";
import { refundLine } from "@/lib/commerce/seller-refunds";
import { recordCompletion } from "@/lib/completions/record";
import { boughtCourse, entriesOf, today } from "../support/completion-fixtures";

async function passed() {
  const fx = await boughtCourse();
  const r = await recordCompletion(
    fx.actor,
    fx.seller.slug,
    { enrolmentId: fx.enrolment.id, score: "95", completedOn: today() },
    "ui",
  );
  const db = await getDb();
  const [payment] = await db.select().from(s.payments).where(eq(s.payments.orderId, fx.orderId));
  const facts = {
    provider: payment!.provider,
    disputeId: `dp_${r.completionId}`,
    paymentExternalId: payment!.externalId,
    amountMinor: payment!.amountMinor,
    currency: payment!.currency,
  };
  const credential = async () => {
    const [c] = await db.select().from(s.credentials).where(eq(s.credentials.id, r.credentialId!));
    return c!.status;
  };
  return { fx, r, facts, credential, db };
}

describe("[LEDGER] refunds and disputes after a deposit", () => {
  it("the seller's finance may not refund a completed enrolment; nothing changes", async () => {
    const { fx, credential, db } = await passed();
    const [line] = await db.select().from(s.orderLines).where(eq(s.orderLines.orderId, fx.orderId));
    await expect(
      refundLine(fx.sellerFinance, { institutionSlug: fx.seller.slug, lineId: line!.id }),
    ).rejects.toMatchObject({ reason: "refund_after_completion" });
    expect((await entriesOf(fx.enrolment.id)).map((e) => e.kind)).toEqual(["deposit"]);
    expect(await credential()).toBe("active");
  });

  it("a dispute suspends the credential; won, it is current again and the deposit stands", async () => {
    const { fx, facts, credential, db } = await passed();
    await db.transaction((tx) => disputeOpened(tx, facts));
    expect(await credential()).toBe("suspended");
    // Frozen: no correction or new result while the dispute is open would deposit again.
    await db.transaction((tx) => disputeClosed(tx, { ...facts, outcome: "won" }));
    expect(await credential()).toBe("active");
    expect((await entriesOf(fx.enrolment.id)).map((e) => e.kind)).toEqual(["deposit"]);
  });

  it("a lost dispute writes exactly one reversal and revokes, whatever the redeliveries", async () => {
    const { fx, facts, credential, db } = await passed();
    await db.transaction((tx) => disputeOpened(tx, facts));
    await db.transaction((tx) => disputeClosed(tx, { ...facts, outcome: "lost" }));
    await db.transaction((tx) => disputeClosed(tx, { ...facts, outcome: "lost" }));
    expect(await credential()).toBe("revoked");
    const entries = await entriesOf(fx.enrolment.id);
    expect(entries.map((e) => [e.kind, e.creditsX100])).toEqual([
      ["deposit", 300],
      ["reversal", -300],
    ]);
    const [enrolment] = await db
      .select()
      .from(s.enrolments)
      .where(eq(s.enrolments.id, fx.enrolment.id));
    expect(enrolment!.status).toBe("revoked");
  });
});
