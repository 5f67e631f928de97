import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { institutions } from "./institutions";
import { resources, resourceVersions } from "./catalogue";
import { orderLines } from "./orders";

export const enrolmentStatuses = ["active", "suspended", "completed", "revoked"] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentSources = ["purchase", "seat", "site_licence"] as const;

/**
 * A learner's place on a resource, recording the version bought and its credits, level and field
 * at that time (PRODUCT.md §7). At most one active, suspended or completed enrolment per
 * (learner, resource), whatever its source: a partial unique index.
 */
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    resourceVersionId: uuid("resource_version_id")
      .notNull()
      .references(() => resourceVersions.id),
    creditsX100: integer("credits_x100").notNull(),
    level: smallint("level").notNull(),
    fieldCode: text("field_code").notNull(),
    source: text("source", { enum: ["purchase", "seat", "site_licence"] }).notNull(),
    // Fulfilment's key: one enrolment per learner line, one per seat.
    orderLineId: uuid("order_line_id").references(() => orderLines.id),
    seatId: uuid("seat_id"),
    licenceId: uuid("licence_id"),
    status: text("status", { enum: enrolmentStatuses }).notNull().default("active"),
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // The unique index's condition, kept by the database. Indexed instead of `status`, so a
    // pass (active → completed: live either way) updates the row in place (a HOT update, the
    // table keeping 10% of each page free for it, migration 0012) without new entries in
    // every index — the enrolment is updated in every completion's transaction.
    live: boolean("live")
      .notNull()
      .generatedAlwaysAs(sql`status in ('active', 'suspended', 'completed')`),
  },
  (t) => [
    uniqueIndex("enrolments_one_live")
      .on(t.userId, t.resourceId)
      .where(sql`${t.live}`),
    uniqueIndex("enrolments_order_line_key").on(t.orderLineId),
    uniqueIndex("enrolments_seat_key").on(t.seatId),
    index().on(t.resourceId),
    check("enrolments_credits", sql`${t.creditsX100} between 0 and 10000`),
  ],
);

export const licenceStatuses = ["active", "suspended", "refunded", "revoked"] as const;

/** Seats or a site licence an institution bought; fulfilment's key is the order line. */
export const licences = pgTable(
  "licences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    licenseeInstitutionId: uuid("licensee_institution_id")
      .notNull()
      .references(() => institutions.id),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    resourceVersionId: uuid("resource_version_id")
      .notNull()
      .references(() => resourceVersions.id),
    orderLineId: uuid("order_line_id")
      .notNull()
      .references(() => orderLines.id),
    kind: text("kind", { enum: ["seats", "site"] }).notNull(),
    // Seats bought (null for a site licence).
    seatCount: integer("seat_count"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull(),
    validTo: timestamp("valid_to", { withTimezone: true }).notNull(),
    status: text("status", { enum: licenceStatuses }).notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("licences_order_line_key").on(t.orderLineId),
    index().on(t.licenseeInstitutionId),
    check("licences_seats", sql`${t.seatCount} is null or ${t.seatCount} > 0`),
    check("licences_term", sql`${t.validTo} > ${t.validFrom}`),
  ],
);

export const seatStates = ["unassigned", "assigned", "activated", "refunded"] as const;

/** One seat of a licence: `unassigned → assigned → activated`; a refund takes unused seats. */
export const licenceSeats = pgTable(
  "licence_seats",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    licenceId: uuid("licence_id")
      .notNull()
      .references(() => licences.id),
    seatNo: integer("seat_no").notNull(),
    state: text("state", { enum: seatStates }).notNull().default("unassigned"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("licence_seats_no_key").on(t.licenceId, t.seatNo),
    index().on(t.licenceId, t.state),
  ],
);

/**
 * An invitation to a seat (or to a site licence, `seat_id` null): single-use, expiring, bound to
 * one address; only the token's hash is kept. Revoking a pending one frees its seat for reuse.
 */
export const seatInvitations = pgTable(
  "seat_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    licenceId: uuid("licence_id")
      .notNull()
      .references(() => licences.id),
    seatId: uuid("seat_id").references(() => licenceSeats.id),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    status: text("status", { enum: ["pending", "accepted", "revoked"] })
      .notNull()
      .default("pending"),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("seat_invitations_hash_key").on(t.tokenHash),
    // A seat has at most one pending invitation.
    uniqueIndex("seat_invitations_one_pending")
      .on(t.seatId)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.licenceId, t.status),
  ],
);

/**
 * An e-mail domain an institution's owner listed; once the alliance admin confirms it, learners
 * with a verified address there count as affiliated for the institution's site licences.
 */
export const institutionDomains = pgTable(
  "institution_domains",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    domain: text("domain").notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    confirmedBy: uuid("confirmed_by").references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("institution_domains_key").on(t.institutionId, t.domain),
    check("institution_domains_lower", sql`${t.domain} = lower(${t.domain})`),
  ],
);
