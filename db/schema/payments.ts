import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { moneyBigint, moneyRangeCheck } from "../../lib/money/bigint-column";
import { users } from "./auth";
import { institutions } from "./institutions";
import { orderLines, orders } from "./orders";

export const paymentProviders = ["sandbox", "stripe", "bank_transfer"] as const;
export type PaymentProviderName = (typeof paymentProviders)[number];

/** A checkout session at the processor. At most one is open per order (a partial unique index). */
export const paymentSessions = pgTable(
  "payment_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    // The processor's id (Stripe `cs_…`); null until the processor answered.
    externalId: text("external_id"),
    url: text("url"),
    status: text("status", { enum: ["open", "completed", "expired", "failed"] })
      .notNull()
      .default("open"),
    amountMinor: moneyBigint("amount_minor").notNull(),
    currency: text("currency").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("payment_sessions_external_key").on(t.provider, t.externalId),
    uniqueIndex("payment_sessions_one_open")
      .on(t.orderId)
      .where(sql`${t.status} = 'open'`),
    moneyRangeCheck("payment_sessions_amount", t.amountMinor),
  ],
);

/** Money received for an order (a charge, a sandbox confirmation, a bank transfer). */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    sessionId: uuid("session_id").references(() => paymentSessions.id),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    // Stripe's PaymentIntent id, the sandbox's payment id, the bank's transfer reference.
    externalId: text("external_id").notNull(),
    chargeId: text("charge_id"),
    amountMinor: moneyBigint("amount_minor").notNull(),
    currency: text("currency").notNull(),
    // Refunds that succeeded, summed from our refund rows (never from event amounts).
    refundedMinor: moneyBigint("refunded_minor").notNull().default(0),
    // Why this payment does not pay for the order (a second payment, a mismatch): refunded whole.
    surplusReason: text("surplus_reason"),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    capturedAt: timestamp("captured_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("payments_external_key").on(t.provider, t.externalId),
    index().on(t.orderId),
    moneyRangeCheck("payments_amount", t.amountMinor),
    moneyRangeCheck("payments_refunded", t.refundedMinor),
    check("payments_refund_le_amount", sql`${t.refundedMinor} <= ${t.amountMinor}`),
  ],
);

export const refundReasons = [
  "seller", // the seller's finance staff (or the admin) refunded a line
  "unfulfillable", // payment arrived for a line that could no longer be fulfilled
  "duplicate_payment", // a second successful payment for one order
  "mismatch", // amount or currency did not match the order
  "dispute_lost",
  "external", // made outside the Exchange, matching no request: the unallocated queue
] as const;

/**
 * One refund, keyed by the processor's refund id once known. `line_id` null with reason
 * `external` and `allocated` false is the unallocated queue: it revoked nothing.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    lineId: uuid("line_id").references(() => orderLines.id),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    externalId: text("external_id"),
    amountMinor: moneyBigint("amount_minor").notNull(),
    // The alliance fee given back and the seller's share reversed; they sum to the amount.
    feeMinor: moneyBigint("fee_minor").notNull().default(0),
    shareMinor: moneyBigint("share_minor").notNull().default(0),
    reason: text("reason", { enum: refundReasons }).notNull(),
    note: text("note"),
    status: text("status", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    allocated: boolean("allocated").notNull().default(true),
    // The reversal of the seller's transfer for this refund's share (one per refund).
    reversalExternalId: text("reversal_external_id"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("refunds_external_key").on(t.provider, t.externalId),
    index().on(t.orderId),
    index().on(t.paymentId),
    moneyRangeCheck("refunds_amount", t.amountMinor),
    moneyRangeCheck("refunds_fee", t.feeMinor),
    moneyRangeCheck("refunds_share", t.shareMinor),
    // A line's refund splits into fee and share; a whole surplus payment's refund has no split.
    check(
      "refunds_split",
      sql`${t.lineId} is null or ${t.feeMinor} + ${t.shareMinor} = ${t.amountMinor}`,
    ),
  ],
);

export const disputes = pgTable(
  "disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    externalId: text("external_id").notNull(),
    // The disputed payment as the processor names it; it may arrive before our payment row.
    paymentExternalId: text("payment_external_id").notNull(),
    paymentId: uuid("payment_id").references(() => payments.id),
    orderId: uuid("order_id").references(() => orders.id),
    amountMinor: moneyBigint("amount_minor").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: ["open", "won", "lost"] })
      .notNull()
      .default("open"),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("disputes_external_key").on(t.provider, t.externalId),
    index().on(t.provider, t.paymentExternalId),
    moneyRangeCheck("disputes_amount", t.amountMinor),
  ],
);

/** A seller's share of one order moved to its connected account (or settled by transfer). */
export const sellerTransfers = pgTable(
  "seller_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    sellerInstitutionId: uuid("seller_institution_id")
      .notNull()
      .references(() => institutions.id),
    amountMinor: moneyBigint("amount_minor").notNull(),
    reversedMinor: moneyBigint("reversed_minor").notNull().default(0),
    currency: text("currency").notNull(),
    // Stripe's `tr_…`; null while queued or for a seller paid against its statement.
    externalId: text("external_id"),
    status: text("status", { enum: ["queued", "sent", "statement"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("seller_transfers_order_seller_key").on(t.orderId, t.sellerInstitutionId),
    moneyRangeCheck("seller_transfers_amount", t.amountMinor),
    moneyRangeCheck("seller_transfers_reversed", t.reversedMinor),
  ],
);

/** An institution's Stripe Connect account and what Stripe last said about it. */
export const paymentAccounts = pgTable("payment_accounts", {
  institutionId: uuid("institution_id")
    .primaryKey()
    .references(() => institutions.id),
  stripeAccountId: text("stripe_account_id").notNull().unique(),
  chargesEnabled: boolean("charges_enabled").notNull().default(false),
  payoutsEnabled: boolean("payouts_enabled").notNull().default(false),
  detailsSubmitted: boolean("details_submitted").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Alliance finance recorded paying a seller its statement for a month by bank transfer. */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    period: text("period").notNull(), // YYYY-MM in the alliance's time zone
    currency: text("currency").notNull(),
    amountMinor: moneyBigint("amount_minor").notNull(),
    reference: text("reference").notNull(),
    settledBy: uuid("settled_by").references(() => users.id, { onDelete: "set null" }),
    settledAt: timestamp("settled_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("settlements_period_key").on(t.institutionId, t.period, t.currency),
    moneyRangeCheck("settlements_amount", t.amountMinor),
  ],
);

export const incidentKinds = [
  "unknown_order", // an event naming no order we know
  "mismatch", // amount or currency differs from the order
  "dispute_before_fulfilment",
  "duplicate_payment",
  "unfulfillable",
  "unallocated_refund",
  "dispute",
  "refund_failed",
  "bank_refund_due", // a refund of a bank-transfer order: finance wires it, then resolves this
] as const;

/** What alliance finance must look at: recorded, never lost, resolved by a person. */
export const paymentIncidents = pgTable(
  "payment_incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind", { enum: incidentKinds }).notNull(),
    provider: text("provider", { enum: paymentProviders }).notNull(),
    eventId: text("event_id"),
    orderId: uuid("order_id").references(() => orders.id),
    paymentId: uuid("payment_id").references(() => payments.id),
    refundId: uuid("refund_id").references(() => refunds.id),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.kind, t.resolvedAt)],
);
