import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb, type DbOrTx } from "@/db";
import { mailMessages } from "@/db/schema";
import { now } from "@/lib/clock";
import { getEnv, isPublicDemo } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import type { Locale } from "@/i18n/routing";
import { renderMail, type MailTemplate } from "./templates";

const store = globalThis as typeof globalThis & {
  __exchangeSmtp?: { url: string; t: Transporter };
};

function smtp(url: string): Transporter {
  if (store.__exchangeSmtp?.url !== url) {
    store.__exchangeSmtp = { url, t: nodemailer.createTransport(url) };
  }
  return store.__exchangeSmtp.t;
}

/** A mail's fixed Message-ID: a resend after a crash is recognisably the same message. */
export function messageIdOf(mailId: string): string {
  return `<${mailId}@${new URL(getEnv().PUBLIC_BASE_URL).hostname}>`;
}

/**
 * Write one message, in the recipient's language, inside the transaction of the change that
 * causes it: a rollback sends nothing. With SMTP_URL a background job delivers it (retried,
 * exactly one row, one Message-ID); in a local demo it waits in the demo mailbox; a public demo
 * (DEMO_HOST) has no mailbox, so its job writes the mail to the server log.
 */
export async function sendMail(
  tx: DbOrTx,
  to: string,
  locale: Locale,
  template: MailTemplate,
): Promise<void> {
  const env = getEnv();
  const { subject, text, html } = renderMail(template, locale);
  const transport = env.SMTP_URL ? "smtp" : isPublicDemo() ? "log" : "mailbox";
  const [row] = await tx
    .insert(mailMessages)
    .values({ to, subject, text, html, locale, transport })
    .returning({ id: mailMessages.id });
  if (transport !== "mailbox") await enqueue(tx, "mail.send", { mailId: row!.id });
}

/**
 * The mail job: deliver each named row once. A row already sent is skipped (a job that ran twice);
 * once sent, its body (which may hold a one-time link) is erased.
 */
export async function deliverMails(mailIds: string[]): Promise<void> {
  const env = getEnv();
  const db = await getDb();
  const rows = await db
    .select()
    .from(mailMessages)
    .where(and(inArray(mailMessages.id, mailIds), isNull(mailMessages.sentAt)));
  for (const m of rows) {
    await db
      .update(mailMessages)
      .set({ attempts: sql`${mailMessages.attempts} + 1` })
      .where(eq(mailMessages.id, m.id));
    if (m.transport === "smtp") {
      if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: queued mail waits until it is");
      await smtp(env.SMTP_URL).sendMail({
        from: env.MAIL_FROM,
        to: m.to,
        subject: m.subject,
        text: m.text ?? "",
        html: m.html ?? "",
        messageId: messageIdOf(m.id),
      });
    } else if (m.transport === "log") {
      console.log(`mail to ${m.to}: ${m.subject}\n${m.text ?? ""}`);
    }
    await db
      .update(mailMessages)
      .set({ sentAt: now(), text: null, html: null })
      .where(eq(mailMessages.id, m.id));
  }
}
