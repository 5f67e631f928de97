import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** Outgoing mail as sent or, in demo mode without SMTP_URL, kept here for the mailbox page. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    locale: text("locale").notNull(),
    transport: text("transport", { enum: ["smtp", "mailbox"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.to), index().on(t.createdAt)],
);
