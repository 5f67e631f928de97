import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { mailMessages } from "@/db/schema";
import { hasDemoMailbox } from "@/lib/env";
import { notFound } from "@/lib/errors";

/** The demo mailbox: every message the demo would have sent. Does not exist in production. */
export async function listMailbox(to?: string) {
  if (!hasDemoMailbox()) throw notFound();
  const db = await getDb();
  const q = db
    .select({
      id: mailMessages.id,
      to: mailMessages.to,
      subject: mailMessages.subject,
      text: mailMessages.text,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages);
  const mailbox = eq(mailMessages.transport, "mailbox");
  return q
    .where(to ? and(mailbox, eq(mailMessages.to, to.trim().toLowerCase())) : mailbox)
    .orderBy(desc(mailMessages.createdAt))
    .limit(100);
}
