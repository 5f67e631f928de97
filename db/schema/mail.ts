import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Every outgoing mail, written in the transaction of the change that causes it. `mailbox`: kept
 * for the demo mailbox page; `smtp`: delivered by a background job that names this row, after
 * which the body (which may hold a one-time link) is erased; `log`: a public demo writes it to
 * the server log. The row id is the mail's fixed Message-ID, so a resend is recognisably the same.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text"),
    html: text("html"),
    locale: text("locale").notNull(),
    transport: text("transport", { enum: ["smtp", "mailbox", "log"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.to), index().on(t.createdAt)],
);
