import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { institutions } from "./institutions";
import { fieldsOfStudy } from "./standard";

export const resourceKinds = [
  "course",
  "micro_credential",
  "certificate_programme",
  "learning_resource",
] as const;
export const resourceStatuses = [
  "draft",
  "in_review",
  "published",
  "suspended",
  "archived",
] as const;
export const deliveryModes = ["online", "blended", "in_person"] as const;
export const offerKinds = ["learner", "seat", "site_licence"] as const;
/**
 * A version is editable while `draft` or `changes_requested`; once submitted it is frozen.
 * `published` is the live version; `superseded` was live before it.
 */
export const versionStates = [
  "draft",
  "in_review",
  "changes_requested",
  "rejected",
  "published",
  "superseded",
] as const;

export type Outcome = { zh: string; en: string };

export const resources = pgTable(
  "resources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    // Globally unique and starting with the institution's slug (many institutions reuse names).
    slug: text("slug").notNull(),
    kind: text("kind", { enum: resourceKinds }).notNull(),
    status: text("status", { enum: resourceStatuses }).notNull().default("draft"),
    liveVersionId: uuid("live_version_id"),
    // The version being edited or reviewed, if any.
    pendingVersionId: uuid("pending_version_id"),
    isFeatured: boolean("is_featured").notNull().default(false),
    firstPublishedAt: timestamp("first_published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("resources_slug_key").on(t.slug),
    index().on(t.institutionId),
    index().on(t.status),
  ],
);

/** Immutable once submitted: enrolments will point at the version they bought. */
export const resourceVersions = pgTable(
  "resource_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    version: integer("version").notNull(),
    state: text("state", { enum: versionStates }).notNull().default("draft"),
    titleZh: text("title_zh").notNull().default(""),
    titleEn: text("title_en").notNull().default(""),
    summaryZh: text("summary_zh").notNull().default(""),
    summaryEn: text("summary_en").notNull().default(""),
    descriptionMd: text("description_md").notNull().default(""),
    fieldCode: text("field_code")
      .notNull()
      .references(() => fieldsOfStudy.code),
    level: smallint("level").notNull(),
    creditsX100: integer("credits_x100").notNull(),
    learningHours: integer("learning_hours").notNull(),
    outcomes: jsonb("outcomes").$type<Outcome[]>().notNull().default([]),
    languages: text("languages").array().notNull(),
    deliveryMode: text("delivery_mode", { enum: deliveryModes }).notNull(),
    assessment: text("assessment").notNull().default(""),
    minScore: smallint("min_score"),
    minAttendancePct: smallint("min_attendance_pct"),
    prerequisites: text("prerequisites").notNull().default(""),
    capacity: integer("capacity"),
    enrolOpensAt: timestamp("enrol_opens_at", { withTimezone: true }),
    enrolClosesAt: timestamp("enrol_closes_at", { withTimezone: true }),
    coverImageKey: text("cover_image_key"),
    reviewReason: text("review_reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("resource_versions_number_key").on(t.resourceId, t.version),
    index().on(t.state),
    check("rv_level", sql`${t.level} between 1 and 10`),
    check("rv_credits", sql`${t.creditsX100} between 0 and 10000`),
    check("rv_hours", sql`${t.learningHours} between 0 and 10000`),
    check("rv_score", sql`${t.minScore} is null or ${t.minScore} between 0 and 100`),
    check(
      "rv_attendance",
      sql`${t.minAttendancePct} is null or ${t.minAttendancePct} between 0 and 100`,
    ),
    check("rv_capacity", sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Offers apply at once (orders copy the amount when placed), so they are not versioned. */
export const resourceOffers = pgTable(
  "resource_offers",
  {
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    kind: text("kind", { enum: offerKinds }).notNull(),
    amountMinor: integer("amount_minor").notNull(),
    currency: text("currency").notNull().default("CNY"),
    minQuantity: integer("min_quantity").notNull().default(1),
    // A seat or site licence runs this many months from purchase (PRODUCT.md §6).
    termMonths: integer("term_months").notNull().default(12),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceId, t.kind] }),
    check("offer_amount", sql`${t.amountMinor} between 0 and 100000000`),
    check("offer_min_quantity", sql`${t.minQuantity} between 1 and 100000`),
    check("offer_term", sql`${t.termMonths} between 1 and 120`),
  ],
);
