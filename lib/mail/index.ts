import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "@/db";
import { mailMessages } from "@/db/schema";
import { getEnv, isDemoMode } from "@/lib/env";
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

/**
 * Send one message in the recipient's language: through SMTP_URL when set, otherwise into the
 * built-in mailbox (demo mode only; production without SMTP_URL is a configuration error).
 * Called after the transaction that caused it has committed.
 */
export async function sendMail(to: string, locale: Locale, template: MailTemplate): Promise<void> {
  const env = getEnv();
  const { subject, text, html } = renderMail(template, locale);
  if (env.SMTP_URL) {
    await smtp(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to, subject, text, html });
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
  const db = await getDb();
  await db.insert(mailMessages).values({
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    locale,
    transport: "mailbox",
  });
}
