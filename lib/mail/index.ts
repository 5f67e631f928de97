import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/db";
import { mailMessages } from "@/db/schema";
import { getEnv, isDemoMode } from "@/lib/env";
import { enqueue, kickOutbox } from "@/lib/outbox";
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

type Outgoing = { to: string; subject: string; text: string; html: string };

/**
 * Send one message in the recipient's language. With SMTP_URL it is queued (outbox) and
 * delivered in the background, with retries: an SMTP outage neither fails the request nor loses
 * the mail. Without it (demo mode only; production requires SMTP_URL) it goes straight into the
 * built-in mailbox. Called once the change that causes the mail has committed.
 */
export async function sendMail(to: string, locale: Locale, template: MailTemplate): Promise<void> {
  const env = getEnv();
  const { subject, text, html } = renderMail(template, locale);
  const db = await getDb();
  if (env.SMTP_URL) {
    await enqueue(db, "mail.send", { to, subject, text, html } satisfies Outgoing);
    kickOutbox();
    return;
  }
  if (!isDemoMode()) throw new Error("SMTP_URL is required in production mode to send mail");
  // nodemailer's JSON transport builds the very message SMTP would carry, then we keep it.
  const built = await nodemailer
    .createTransport({ jsonTransport: true })
    .sendMail({ from: env.MAIL_FROM, to, subject, text, html });
  const message = JSON.parse(String(built.message)) as {
    subject: string;
    text: string;
    html: string;
  };
  await db.insert(mailMessages).values({
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    locale,
    transport: "mailbox",
  });
}

/** The outbox handler: deliver queued messages through SMTP (a failure is retried later). */
export async function deliverQueuedMail(payloads: unknown[]): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: queued mail waits until it is");
  for (const p of payloads as Outgoing[]) {
    await smtp(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, ...p });
  }
}
