import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  json,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { institutions } from "./institutions";
import { resources } from "./catalogue";
import { apiKeys } from "./api";
import { enrolments } from "./enrolments";
import { learningAccounts, ledgerEntries } from "./ledger";

export const completionOutcomes = ["pass", "fail"] as const;
export const completionSources = ["ui", "csv", "api"] as const;

/**
 * A result the publishing institution recorded for an enrolment (PRODUCT.md §7). At most one
 * live (not voided) pass per enrolment: a partial unique index, so whatever the retries an
 * enrolment deposits at most once until a correction voids its pass.
 */
export const completions = pgTable(
  "completions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    scoreX100: integer("score_x100"),
    attendancePct: smallint("attendance_pct"),
    completedOn: date("completed_on", { mode: "string" }).notNull(),
    evidenceUrl: text("evidence_url"),
    outcome: text("outcome", { enum: completionOutcomes }).notNull(),
    // Why it failed (`score_below_minimum`, `attendance_below_minimum`), null on a pass.
    reason: text("reason"),
    source: text("source", { enum: completionSources }).notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    apiKeyId: uuid("api_key_id").references(() => apiKeys.id),
    voidedAt: timestamp("voided_at", { withTimezone: true }),
    voidedBy: uuid("voided_by").references(() => users.id),
    voidReason: text("void_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("completions_one_live_pass")
      .on(t.enrolmentId)
      .where(sql`${t.outcome} = 'pass' and ${t.voidedAt} is null`),
    index().on(t.enrolmentId),
    index().on(t.institutionId, t.createdAt),
    check("completions_score", sql`${t.scoreX100} is null or ${t.scoreX100} between 0 and 10000`),
    check(
      "completions_attendance",
      sql`${t.attendancePct} is null or ${t.attendancePct} between 0 and 100`,
    ),
  ],
);
export type CompletionRow = typeof completions.$inferSelect;

export const credentialStatuses = ["active", "suspended", "revoked"] as const;
export type CredentialStatus = (typeof credentialStatuses)[number];

/**
 * What the credentials of one course version share in one language (the envelope and the
 * achievement: titles, summaries, criteria, alignments, issuer profile), stored once:
 * `hash` is the SHA-256 of its RFC 8785 canonical JSON, so a row never changes meaning (a
 * renamed institution makes a new row; the old credentials keep theirs). Insert-only: UPDATE,
 * DELETE and TRUNCATE are refused by the database (migration 0011). lib/credentials/stored.ts.
 */
export const credentialTemplates = pgTable(
  "credential_templates",
  {
    hash: text("hash").primaryKey(),
    body: json("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // 64 lower-case hex digits (said as in ledger.ts, for speed).
  (t) => [
    check(
      "credential_templates_hash",
      sql`octet_length(${t.hash}) = 64 and ${t.hash} !~ '[^0-9a-f]'`,
    ),
  ],
);

/**
 * An Open Badges 3.0 AchievementCredential issued for a pass (PRODUCT.md §7). The id is random
 * (unguessable, it is the /verify address); `statusIndex` is its random place in the revocation
 * status list. The signed VC-JWT is made from the payload when first asked for, then kept.
 */
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey(),
    completionId: uuid("completion_id")
      .notNull()
      .references(() => completions.id),
    accountId: uuid("account_id")
      .notNull()
      .references(() => learningAccounts.id),
    entryId: uuid("entry_id").references(() => ledgerEntries.id),
    statusIndex: integer("status_index").notNull(),
    status: text("status", { enum: credentialStatuses }).notNull().default("active"),
    statusReason: text("status_reason"),
    // `json`, kept as sent (the signed credential's own bytes, read whole, never queried into):
    // no jsonb parse on the batch's hot insert. Compressed with lz4 where the server has it
    // (migration 0009).
    payload: json("payload").notNull(),
    // Set: `payload` is the learner's own part, and this row the rest (lib/credentials/stored.ts
    // joins them). Null on credentials issued before migration 0011, whose payload is whole.
    templateHash: text("template_hash").references(() => credentialTemplates.hash),
    jwt: text("jwt"),
    issuedAt: timestamp("issued_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("credentials_completion_key").on(t.completionId),
    uniqueIndex("credentials_status_index_key").on(t.statusIndex),
    index().on(t.accountId),
    check("credentials_status_index", sql`${t.statusIndex} >= 0`),
  ],
);

/**
 * A learner's rating of a resource: one per (resource, learner). Completers of a course, and
 * enrolled learners of a learning resource, may rate (the service checks).
 */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    stars: smallint("stars").notNull(),
    comment: text("comment").notNull().default(""),
    hidden: boolean("hidden").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("ratings_resource_user_key").on(t.resourceId, t.userId),
    check("ratings_stars", sql`${t.stars} between 1 and 5`),
  ],
);
