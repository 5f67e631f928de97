import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { moneyBigint, moneyRangeCheck } from "../../lib/money/bigint-column";
import { users } from "./auth";
import { institutions } from "./institutions";
import { offerKinds, resources, resourceVersions } from "./catalogue";

/**
 * `pending`: waiting for payment, holding its places until `hold_expires_at`. `paid`: a payment
 * was confirmed and fulfilment ran (each line says what became of it). `expired` / `failed`: the
 * session lapsed or was declined; the hold is released. `held`: money arrived that finance must
 * look at first (a dispute before fulfilment, an amount or currency that does not match).
 */
export const orderStatuses = ["pending", "paid", "expired", "failed", "held"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
/** How the buyer pays: a card processor (sandbox or Stripe), a bank transfer, or nothing. */
export const paymentRoutes = ["checkout", "bank_transfer", "free"] as const;
export const lineStates = [
  "pending",
  "fulfilled",
  "unfulfillable",
  "refunded",
  "released",
] as const;
export type LineState = (typeof lineStates)[number];

/** A person's cart: items bought for themselves, or for an institution they buy for. */
export const cartItems = pgTable(
  "cart_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    offerKind: text("offer_kind", { enum: offerKinds }).notNull(),
    quantity: integer("quantity").notNull().default(1),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cart_items_user_resource_kind_key").on(t.userId, t.resourceId, t.offerKind),
    check("cart_quantity", sql`${t.quantity} between 1 and 100000`),
  ],
);

export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The person who placed it; for an institutional order, its finance staff member.
    placedBy: uuid("placed_by")
      .notNull()
      .references(() => users.id),
    // Null for a learner's own order.
    buyerInstitutionId: uuid("buyer_institution_id").references(() => institutions.id),
    status: text("status", { enum: orderStatuses }).notNull().default("pending"),
    route: text("route", { enum: paymentRoutes }).notNull(),
    currency: text("currency").notNull(),
    totalMinor: moneyBigint("total_minor").notNull(),
    // The alliance fee rate when the order was placed (PRODUCT.md §6), and the fees it gives.
    feeBp: integer("fee_bp").notNull(),
    feeMinor: moneyBigint("fee_minor").notNull(),
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    locale: text("locale").notNull().default("zh-CN"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.placedBy),
    index().on(t.buyerInstitutionId),
    index().on(t.status, t.holdExpiresAt),
    moneyRangeCheck("orders_total", t.totalMinor),
    moneyRangeCheck("orders_fee", t.feeMinor),
    check("orders_fee_bp", sql`${t.feeBp} between 0 and 10000`),
    check("orders_fee_le_total", sql`${t.feeMinor} <= ${t.totalMinor}`),
  ],
);

/** One resource offer bought; its amounts are fixed when the order is placed. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    // The version on sale at checkout: the enrolment records its credits, level and field.
    resourceVersionId: uuid("resource_version_id")
      .notNull()
      .references(() => resourceVersions.id),
    sellerInstitutionId: uuid("seller_institution_id")
      .notNull()
      .references(() => institutions.id),
    offerKind: text("offer_kind", { enum: offerKinds }).notNull(),
    quantity: integer("quantity").notNull(),
    unitAmountMinor: integer("unit_amount_minor").notNull(),
    amountMinor: moneyBigint("amount_minor").notNull(),
    feeMinor: moneyBigint("fee_minor").notNull(),
    shareMinor: moneyBigint("share_minor").notNull(),
    // A licence's term, copied from the offer at checkout (null for a learner enrolment).
    termMonths: integer("term_months"),
    // Capacity places this line takes: 1 for an enrolment, N for N seats, 0 for a site licence.
    places: integer("places").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    state: text("state", { enum: lineStates }).notNull().default("pending"),
    refundedMinor: moneyBigint("refunded_minor").notNull().default(0),
    feeRefundedMinor: moneyBigint("fee_refunded_minor").notNull().default(0),
    // Why a line could not be fulfilled when payment arrived (full, window closed, …).
    stateReason: text("state_reason"),
    fulfilledAt: timestamp("fulfilled_at", { withTimezone: true }),
  },
  (t) => [
    index().on(t.orderId),
    index().on(t.resourceId, t.state),
    index().on(t.sellerInstitutionId),
    check("lines_quantity", sql`${t.quantity} between 1 and 100000`),
    check("lines_places", sql`${t.places} >= 0`),
    check("lines_unit", sql`${t.unitAmountMinor} >= 0`),
    moneyRangeCheck("lines_amount", t.amountMinor),
    moneyRangeCheck("lines_fee", t.feeMinor),
    moneyRangeCheck("lines_share", t.shareMinor),
    moneyRangeCheck("lines_refunded", t.refundedMinor),
    moneyRangeCheck("lines_fee_refunded", t.feeRefundedMinor),
    check("lines_split", sql`${t.feeMinor} + ${t.shareMinor} = ${t.amountMinor}`),
    check("lines_refund_le_amount", sql`${t.refundedMinor} <= ${t.amountMinor}`),
    check("lines_fee_refund_le_fee", sql`${t.feeRefundedMinor} <= ${t.feeMinor}`),
  ],
);

/** A buyer's request for a fapiao (发票) from one seller of an order; the seller issues it. */
export const fapiaoRequests = pgTable(
  "fapiao_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    sellerInstitutionId: uuid("seller_institution_id")
      .notNull()
      .references(() => institutions.id),
    title: text("title").notNull(),
    taxpayerId: text("taxpayer_id").notNull(),
    email: text("email").notNull(),
    status: text("status", { enum: ["requested", "issued"] })
      .notNull()
      .default("requested"),
    invoiceNumber: text("invoice_number"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    issuedBy: uuid("issued_by").references(() => users.id, { onDelete: "set null" }),
    issuedAt: timestamp("issued_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("fapiao_order_seller_key").on(t.orderId, t.sellerInstitutionId),
    index().on(t.sellerInstitutionId, t.status),
  ],
);
