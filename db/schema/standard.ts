import { sql } from "drizzle-orm";
import { check, integer, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/** The alliance-wide credit standard (PRODUCT.md §3): exactly one row, id = 1. */
export const creditStandard = pgTable(
  "credit_standard",
  {
    id: smallint("id").primaryKey().default(1),
    hoursPerCredit: integer("hours_per_credit").notNull().default(16),
    currency: text("currency").notNull().default("CNY"),
    allianceFeeBp: integer("alliance_fee_bp").notNull().default(1000),
    timeZone: text("time_zone").notNull().default("Asia/Shanghai"),
    // null = deposits never expire
    creditValidityYears: integer("credit_validity_years"),
    allianceNameZh: text("alliance_name_zh").notNull().default("学分银行联盟"),
    allianceNameEn: text("alliance_name_en").notNull().default("Credit Bank Alliance"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("credit_standard_singleton", sql`${t.id} = 1`),
    check("credit_standard_fee", sql`${t.allianceFeeBp} between 0 and 10000`),
    check("credit_standard_hours", sql`${t.hoursPerCredit} > 0`),
  ],
);

export const frameworkLevels = pgTable(
  "framework_levels",
  {
    level: smallint("level").primaryKey(),
    labelZh: text("label_zh").notNull(),
    labelEn: text("label_en").notNull(),
  },
  (t) => [check("framework_levels_range", sql`${t.level} between 1 and 10`)],
);

/** ISCED-F 2013 broad (2-digit) and narrow (3-digit) fields of study. */
export const fieldsOfStudy = pgTable("fields_of_study", {
  code: text("code").primaryKey(),
  parentCode: text("parent_code"),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});
