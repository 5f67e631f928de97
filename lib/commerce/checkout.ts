import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db";
import {
  creditStandard,
  enrolments,
  orderLines,
  orders,
  paymentSessions,
  resources,
} from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Viewer } from "@/lib/auth/load-principal";
import { addSeconds, now } from "@/lib/clock";
import { lockRows } from "@/lib/db/lock-order";
import { AppError } from "@/lib/errors";
import { withInstitution } from "@/lib/institutions/with-institution";
import { paymentsMode, sandboxAllowed } from "@/lib/payments";
import { parseInput } from "@/lib/validation";
import { fulfilOrder } from "./fulfil";
import { MAX_CHECKOUT_AMOUNT_MINOR, splitLine } from "./money-rules";
import { loadOffers, offerFor, type OfferRow } from "./offers";
import { placesInUse } from "./places";
import { checkoutSchema } from "./schemas";

/** Checkout Sessions expire after 30 minutes; bank-transfer orders wait 14 days. */
export const CHECKOUT_HOLD_SECONDS = 30 * 60;
export const BANK_TRANSFER_HOLD_SECONDS = 14 * 24 * 3600;

const refuse = (reason: string, message: string, code: "CONFLICT" | "UNPROCESSABLE" = "CONFLICT") =>
  new AppError(code, reason, message);

type Priced = {
  offer: OfferRow;
  kind: "learner" | "seat" | "site_licence";
  quantity: number;
  unit: number;
  amount: number;
  places: number;
};

/** Check one asked line against the offer as it is now (PRODUCT.md §6). */
function priceLine(
  line: {
    resourceId: string;
    offerKind: Priced["kind"];
    quantity: number;
    expectedUnitAmountMinor: number;
    expectedCurrency: string;
  },
  found: ReturnType<typeof offerFor>,
  buyerInstitutionId: string | null,
  at: Date,
): Priced {
  const { resource, offer } = found;
  if (!resource || resource.status !== "published" || !resource.versionId) {
    throw refuse("not_on_sale", "The resource is not published", "UNPROCESSABLE");
  }
  if (!offer || offer.amountMinor === null || !offer.currency) {
    throw refuse("no_such_offer", "The resource has no offer of this kind", "UNPROCESSABLE");
  }
  const personal = buyerInstitutionId === null;
  if (personal !== (line.offerKind === "learner")) {
    throw refuse(
      "wrong_buyer_for_offer",
      personal
        ? "Seats and site licences are bought for an institution"
        : "An institution buys seats or a site licence, not a learner enrolment",
      "UNPROCESSABLE",
    );
  }
  if (offer.sellerInstitutionId === buyerInstitutionId) {
    throw refuse("own_resource", "An institution cannot buy its own resources", "UNPROCESSABLE");
  }
  if (line.offerKind !== "seat" && line.quantity !== 1) {
    throw refuse("invalid_quantity", "This offer is bought once", "UNPROCESSABLE");
  }
  if (line.offerKind === "seat" && line.quantity < (offer.minQuantity ?? 1)) {
    throw refuse("below_min_quantity", `At least ${offer.minQuantity} seats`, "UNPROCESSABLE");
  }
  if (line.offerKind === "site_licence" && offer.capacity !== null) {
    throw refuse("site_licence_limited", "A capacity-limited resource has no site licence");
  }
  if (offer.currency !== line.expectedCurrency) {
    throw refuse("currency_mismatch", "The offer is priced in another currency");
  }
  if (offer.amountMinor !== line.expectedUnitAmountMinor) {
    throw refuse("price_changed", "The price changed since it was shown; check it and try again");
  }
  if (offer.enrolOpensAt && at < offer.enrolOpensAt) {
    throw refuse("enrolment_not_open", "Enrolment has not opened yet");
  }
  if (offer.enrolClosesAt && at >= offer.enrolClosesAt) {
    throw refuse("enrolment_closed", "Enrolment has closed");
  }
  const amount = offer.amountMinor * line.quantity;
  const places = line.offerKind === "site_licence" ? 0 : line.quantity;
  return {
    offer,
    kind: line.offerKind,
    quantity: line.quantity,
    unit: offer.amountMinor,
    amount,
    places,
  };
}

export type PlacedOrder = { orderId: string; status: "pending" | "paid"; route: string };

/**
 * Place an order: check every line, hold its places, fix its prices and fees, in one
 * transaction. A zero total is fulfilled at once by the same function a payment runs; a checkout
 * order gets its payment session row here and its processor session from `startPayment`.
 */
export async function placeOrder(viewer: Viewer, input: unknown): Promise<PlacedOrder> {
  const data = parseInput(checkoutSchema, input);
  if (!viewer.emailVerified) {
    throw new AppError("FORBIDDEN", "email_unverified", "Verify your e-mail address first");
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const at = now();
    const buyer =
      data.buyer === "self"
        ? null
        : await withInstitution(tx, { type: "user", viewer }, data.buyer, "orders:buy");
    const offers = await loadOffers(tx, data.lines);
    const priced = data.lines.map((l) =>
      priceLine(l, offerFor(offers, l.resourceId, l.offerKind), buyer?.id ?? null, at),
    );
    const keys = priced.map((p) => `${p.offer.resourceId}:${p.kind}`);
    if (new Set(keys).size !== keys.length) {
      throw refuse("duplicate_line", "A resource offer appears twice", "UNPROCESSABLE");
    }
    const currencies = new Set(priced.map((p) => p.offer.currency));
    if (currencies.size !== 1) {
      throw refuse("currency_mismatch", "All lines of an order must share one currency");
    }
    if (!buyer) await refuseIfEnrolled(tx, viewer.userId, priced);
    await holdPlaces(tx, priced, at);

    const [standard] = await tx.select().from(creditStandard);
    const feeBp = standard?.allianceFeeBp ?? 1000;
    const split = priced.map((p) => splitLine(p.amount, feeBp));
    const total = priced.reduce((s, p) => s + p.amount, 0);
    const fee = split.reduce((s, x) => s + x.fee, 0);
    const route = chooseRoute(total, buyer !== null, data.paymentRoute);
    const hold = route === "bank_transfer" ? BANK_TRANSFER_HOLD_SECONDS : CHECKOUT_HOLD_SECONDS;
    const [order] = await tx
      .insert(orders)
      .values({
        placedBy: viewer.userId,
        buyerInstitutionId: buyer?.id ?? null,
        route,
        currency: [...currencies][0]!,
        totalMinor: total,
        feeBp,
        feeMinor: fee,
        holdExpiresAt: addSeconds(at, hold),
        locale: data.locale,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: orders.id });
    await tx.insert(orderLines).values(
      priced.map((p, i) => ({
        orderId: order!.id,
        resourceId: p.offer.resourceId,
        resourceVersionId: p.offer.versionId!,
        sellerInstitutionId: p.offer.sellerInstitutionId,
        offerKind: p.kind,
        quantity: p.quantity,
        unitAmountMinor: p.unit,
        amountMinor: p.amount,
        feeMinor: split[i]!.fee,
        shareMinor: split[i]!.share,
        termMonths: p.kind === "learner" ? null : (p.offer.termMonths ?? 12),
        places: p.places,
        titleZh: p.offer.titleZh ?? "",
        titleEn: p.offer.titleEn ?? "",
      })),
    );
    if (route === "checkout") {
      await tx.insert(paymentSessions).values({
        orderId: order!.id,
        provider: paymentsMode(),
        amountMinor: total,
        currency: [...currencies][0]!,
        expiresAt: addSeconds(at, hold),
        createdAt: at,
      });
    }
    await writeAudit(tx, {
      actorId: viewer.userId,
      action: "order.placed",
      targetType: "order",
      targetId: order!.id,
      institutionId: buyer?.id ?? null,
      after: { total, currency: [...currencies][0], route, lines: priced.length },
    });
    if (route === "free") {
      // The order is new in this transaction: nobody else can see it, so no lock is needed.
      await fulfilOrder(tx, order!.id, null, { fresh: true });
      return { orderId: order!.id, status: "paid", route };
    }
    return { orderId: order!.id, status: "pending", route };
  });
}

function chooseRoute(
  total: number,
  institutional: boolean,
  asked: "checkout" | "bank_transfer",
): "checkout" | "bank_transfer" | "free" {
  if (total === 0) return "free";
  if (institutional && (asked === "bank_transfer" || total > MAX_CHECKOUT_AMOUNT_MINOR)) {
    return "bank_transfer";
  }
  if (total > MAX_CHECKOUT_AMOUNT_MINOR) {
    throw refuse("amount_too_large", "The total is above what a card payment can carry");
  }
  if (asked === "bank_transfer") {
    throw refuse("bank_transfer_institutions_only", "Only institutions pay by bank transfer");
  }
  if (!sandboxAllowed() && paymentsMode() === "sandbox") {
    throw refuse("payments_unavailable", "Card payments are not configured");
  }
  return "checkout";
}

async function refuseIfEnrolled(tx: Tx, userId: string, priced: Priced[]): Promise<void> {
  const ids = priced.map((p) => p.offer.resourceId);
  const live = await tx
    .select({ resourceId: enrolments.resourceId })
    .from(enrolments)
    .where(
      and(
        eq(enrolments.userId, userId),
        inArray(enrolments.resourceId, ids),
        // `live`: active, suspended or completed — the unique index's own condition, so it is used.
        sql`${enrolments.live}`,
      ),
    );
  if (live.length > 0) {
    throw refuse("already_enrolled", "You are already enrolled on this resource");
  }
}

/** Lock each capacity-limited resource (ascending ids) and check its places are still free. */
async function holdPlaces(tx: Tx, priced: Priced[], at: Date): Promise<void> {
  const limited = priced.filter((p) => p.offer.capacity !== null && p.places > 0);
  if (limited.length === 0) return;
  await lockRows(
    tx,
    "resource_capacity",
    resources,
    limited.map((p) => p.offer.resourceId),
  );
  for (const p of limited) {
    const used = await placesInUse(tx, p.offer.resourceId, at);
    if (used + p.places > p.offer.capacity!) {
      throw refuse("sold_out", "Not enough places are left on this resource");
    }
  }
}
