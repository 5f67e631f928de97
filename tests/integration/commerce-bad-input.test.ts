import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db";
import * as s from "@/db/schema";
import { archiveResource } from "@/lib/catalogue/lifecycle";
import { updateResource } from "@/lib/catalogue/update-resource";
import { placeOrder } from "@/lib/commerce/checkout";
import { decideSandboxPayment, startPayment } from "@/lib/commerce/pay";
import { getOrderForViewer } from "@/lib/commerce/queries";
import type { Actor } from "@/lib/auth/actor";
import {
  buyingInstitution,
  learner,
  lineFor,
  sellerWithCourse,
} from "../support/commerce-fixtures";
import { createUser, mustViewer } from "../support/fixtures";

beforeAll(async () => {
  await getDb();
});

async function orderCount() {
  const db = await getDb();
  const [r] = await db.select({ n: count() }).from(s.orders);
  return r!.n;
}

/** The call fails with `reason` and no order (nor anything else) is written. */
async function refusedWithoutTrace(work: () => Promise<unknown>, reason: string) {
  const before = await orderCount();
  // Started only once counted, so its rejection is never left unhandled meanwhile.
  await expect(work()).rejects.toMatchObject({ reason });
  expect(await orderCount()).toBe(before);
}

describe("[COMMERCE] bad input changes nothing", () => {
  it("negative, fractional, zero and absurd quantities are refused by name", async () => {
    const { course } = await sellerWithCourse();
    const { inst, finance } = await buyingInstitution();
    const line = await lineFor(course.id, "seat", 10);
    for (const quantity of [-1, 2.5, 0, "1e3", "ten", 1_000_001]) {
      const before = await orderCount();
      const err = await placeOrder(finance, {
        buyer: inst.slug,
        lines: [{ ...line, quantity }],
      }).catch((e) => e);
      expect(err).toMatchObject({ reason: "validation" });
      expect(Object.keys(err.fields ?? {}).join()).toContain("quantity");
      expect(await orderCount()).toBe(before);
    }
  });

  it("a learner cannot buy seats, nor an institution a learner enrolment", async () => {
    const { course } = await sellerWithCourse();
    const me = await learner();
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [await lineFor(course.id, "seat", 10)] }),
      "wrong_buyer_for_offer",
    );
    const { inst, finance } = await buyingInstitution();
    await refusedWithoutTrace(
      async () =>
        placeOrder(finance, { buyer: inst.slug, lines: [await lineFor(course.id, "learner")] }),
      "wrong_buyer_for_offer",
    );
  });

  it("a price changed after it was shown is refused; a placed order keeps its price", async () => {
    const { course, editor } = await sellerWithCourse();
    const me = await learner();
    const shown = await lineFor(course.id, "learner");
    const placed = await placeOrder(me, { buyer: "self", lines: [shown] });
    const actor: Actor = { type: "user", viewer: editor };
    await updateResource(actor, course.id, { offers: { learner: { amountMinor: 25000 } } });
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [shown] }),
      "price_changed",
    );
    // The order placed before the change is paid at the price it showed.
    const url = await startPayment(me, { orderId: placed.orderId });
    await decideSandboxPayment(me, { sessionId: url.split("/").at(-1), decision: "confirm" });
    const db = await getDb();
    const [pay] = await db.select().from(s.payments).where(eq(s.payments.orderId, placed.orderId));
    expect(pay!.amountMinor).toBe(19900);
  });

  it("a currency that is not the offer's is refused", async () => {
    const { course } = await sellerWithCourse();
    const me = await learner();
    const line = { ...(await lineFor(course.id, "learner")), expectedCurrency: "USD" };
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [line] }),
      "currency_mismatch",
    );
  });

  it("an archived resource cannot be bought, nor an order for it paid", async () => {
    const { course, editor } = await sellerWithCourse();
    const me = await learner();
    const line = await lineFor(course.id, "learner");
    const placed = await placeOrder(me, { buyer: "self", lines: [line] });
    await archiveResource({ type: "user", viewer: editor }, course.id);
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [line] }),
      "not_on_sale",
    );
    await expect(startPayment(me, { orderId: placed.orderId })).rejects.toMatchObject({
      reason: "not_on_sale",
    });
  });

  it("an unpublished (draft) resource or a made-up id is not on sale", async () => {
    const me = await learner();
    const made = {
      resourceId: "00000000-0000-4000-8000-000000000000",
      offerKind: "learner",
      quantity: 1,
      expectedUnitAmountMinor: 100,
      expectedCurrency: "CNY",
    };
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [made] }),
      "not_on_sale",
    );
  });

  it("another person's or institution's order is not found", async () => {
    const { course } = await sellerWithCourse();
    const { inst, finance } = await buyingInstitution();
    const placed = await placeOrder(finance, {
      buyer: inst.slug,
      lines: [await lineFor(course.id, "seat", 10)],
    });
    const stranger = await learner();
    const otherFinance = (await buyingInstitution()).finance;
    for (const v of [stranger, otherFinance]) {
      expect(await getOrderForViewer(v, placed.orderId)).toBeNull();
      await expect(startPayment(v, { orderId: placed.orderId })).rejects.toMatchObject({
        reason: "not_found",
      });
    }
    // Buying for an institution one is not finance staff of is refused too.
    await refusedWithoutTrace(
      async () =>
        placeOrder(stranger, { buyer: inst.slug, lines: [await lineFor(course.id, "seat", 10)] }),
      "forbidden",
    );
  });

  it("an unverified buyer, a closed enrolment window and unknown fields are refused", async () => {
    const { course } = await sellerWithCourse();
    const unverified = await mustViewer((await createUser({ verified: false })).id);
    const line = await lineFor(course.id, "learner");
    await refusedWithoutTrace(
      async () => placeOrder(unverified, { buyer: "self", lines: [line] }),
      "email_unverified",
    );
    const me = await learner();
    await refusedWithoutTrace(
      async () => placeOrder(me, { buyer: "self", lines: [{ ...line, unitAmountMinor: 1 }] }),
      "validation",
    );
    const closed = await sellerWithCourse({
      enrolOpensAt: "2021-01-01T00:00:00Z",
      enrolClosesAt: "2021-02-01T00:00:00Z",
    });
    await refusedWithoutTrace(
      async () =>
        placeOrder(me, { buyer: "self", lines: [await lineFor(closed.course.id, "learner")] }),
      "enrolment_closed",
    );
  });

  it("a capacity-limited resource sells no more places than it has, and no site licence", async () => {
    const { course } = await sellerWithCourse({
      capacity: 2,
      offers: { learner: { amountMinor: 100 }, siteLicence: { amountMinor: 900000 } },
    });
    await placeOrder(await learner(), {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    await placeOrder(await learner(), {
      buyer: "self",
      lines: [await lineFor(course.id, "learner")],
    });
    await refusedWithoutTrace(
      async () =>
        placeOrder(await learner(), {
          buyer: "self",
          lines: [await lineFor(course.id, "learner")],
        }),
      "sold_out",
    );
    const { inst, finance } = await buyingInstitution();
    await refusedWithoutTrace(
      async () =>
        placeOrder(finance, {
          buyer: inst.slug,
          lines: [await lineFor(course.id, "site_licence")],
        }),
      "site_licence_limited",
    );
  });
});
