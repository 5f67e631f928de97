import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";

/**
 * A learner's lifelong learning account (PRODUCT.md §7): one per person, numbered
 * `CB-<year>-<7-digit sequence per year>-<MOD 11-2 check>`. Each account is its own hash chain.
 */
export const learningAccounts = pgTable(
  "learning_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    number: text("number").notNull(),
    // The learner chose to show their name on credentials issued from now on.
    nameOnCredentials: boolean("name_on_credentials").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("learning_accounts_user_key").on(t.userId),
    uniqueIndex("learning_accounts_number_key").on(t.number),
  ],
);

/** The last sequence number given out per year; incremented under the row's lock. */
export const learningAccountCounters = pgTable("learning_account_counters", {
  year: smallint("year").primaryKey(),
  last: integer("last").notNull(),
});

export const ledgerKinds = ["deposit", "recognition", "reversal", "expiry"] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/**
 * One ledger entry, in the fixed shape of PRODUCT.md §7 (later features fill fields, never add
 * hashed ones). Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. Every column but
 * `hash` is hashed by ledger hash v1 (docs/LEDGER.md); no personal data is stored here.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: uuid("id").primaryKey(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => learningAccounts.id),
    seq: integer("seq").notNull(),
    kind: text("kind", { enum: ledgerKinds }).notNull(),
    creditsX100: integer("credits_x100").notNull(),
    level: smallint("level"),
    fieldCode: text("field_code"),
    sourceInstitutionId: uuid("source_institution_id"),
    actingInstitutionId: uuid("acting_institution_id"),
    resourceId: uuid("resource_id"),
    resourceVersionId: uuid("resource_version_id"),
    enrolmentId: uuid("enrolment_id"),
    completionId: uuid("completion_id"),
    scoreX100: integer("score_x100"),
    completedOn: date("completed_on", { mode: "string" }),
    titleZh: text("title_zh"),
    titleEn: text("title_en"),
    targetInstitutionId: uuid("target_institution_id"),
    targetCourseCode: text("target_course_code"),
    creditCategory: text("credit_category"),
    ruleId: uuid("rule_id"),
    ruleVersion: integer("rule_version"),
    reversesEntryId: uuid("reverses_entry_id"),
    hashVersion: smallint("hash_version").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    // Set by the application to the millisecond (it is hashed), never by the database.
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    uniqueIndex("ledger_entries_account_seq").on(t.accountId, t.seq),
    uniqueIndex("ledger_entries_account_prev").on(t.accountId, t.prevHash),
    // One deposit per completion; an entry is reversed (or expired) at most once.
    uniqueIndex("ledger_entries_completion_deposit")
      .on(t.completionId)
      .where(sql`${t.kind} = 'deposit'`),
    uniqueIndex("ledger_entries_reverses")
      .on(t.reversesEntryId)
      .where(sql`${t.kind} in ('reversal', 'expiry')`),
    index().on(t.enrolmentId),
    check("ledger_entries_seq", sql`${t.seq} >= 1`),
    // 64 lower-case hex digits. Said without a counted repetition: `~ '^[0-9a-f]{64}$'` cost
    // ~6 µs a row in PostgreSQL's regex engine, this ~0.5 µs (migration 0013).
    check("ledger_entries_hash", sql`octet_length(${t.hash}) = 64 and ${t.hash} !~ '[^0-9a-f]'`),
    check(
      "ledger_entries_prev",
      sql`octet_length(${t.prevHash}) = 64 and ${t.prevHash} !~ '[^0-9a-f]'`,
    ),
    check(
      "ledger_entries_sign",
      sql`(${t.kind} in ('deposit', 'recognition') and ${t.creditsX100} >= 0)
        or (${t.kind} in ('reversal', 'expiry') and ${t.creditsX100} <= 0)`,
    ),
  ],
);
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

/**
 * A signed checkpoint (PRODUCT.md §7): the JWS over {number, previous checkpoint hash, counts,
 * Merkle root}, and the exported file (leaves and every entry hash since the previous one).
 */
export const ledgerCheckpoints = pgTable("ledger_checkpoints", {
  number: integer("number").primaryKey(),
  prevCheckpointHash: text("prev_checkpoint_hash").notNull(),
  accounts: integer("accounts").notNull(),
  entries: integer("entries").notNull(),
  root: text("root").notNull(),
  kid: text("kid").notNull(),
  jws: text("jws").notNull(),
  file: jsonb("file").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
