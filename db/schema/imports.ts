import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { institutions } from "./institutions";
import { resources } from "./catalogue";

/** A bulk import (UI upload or command line): its rows are keyed by (import, line). */
export const catalogueImports = pgTable("catalogue_imports", {
  id: uuid("id").primaryKey().defaultRandom(),
  institutionId: uuid("institution_id")
    .notNull()
    .references(() => institutions.id),
  // The person who uploaded, or null for an operator at the command line (named in `source`).
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  source: text("source", { enum: ["ui", "cli", "seed"] }).notNull(),
  format: text("format", { enum: ["csv", "jsonl"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A row already imported: a re-sent chunk of the same import creates nothing twice. */
export const catalogueImportRows = pgTable(
  "catalogue_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => catalogueImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    resourceId: uuid("resource_id")
      .notNull()
      .references(() => resources.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    check("import_rows_line", sql`${t.line} > 0`),
  ],
);
