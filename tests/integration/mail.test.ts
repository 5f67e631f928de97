import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { sendMail } from "@/lib/mail";
import { resetEnvCache } from "@/lib/env";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { outbox } from "@/db/schema";
import { outboxIdle, processOutbox } from "@/lib/outbox";
import { mailsTo, uniqueEmail } from "../support/fixtures";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  resetEnvCache();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The decoded text/plain part of a raw MIME message (base64 or quoted-printable). */
function plainTextOf(raw: string): string {
  const part = raw.split(/\r?\n--/).find((p) => /Content-Type: text\/plain/i.test(p));
  if (!part) throw new Error("no text/plain part");
  const [headers, ...rest] = part.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/Content-Transfer-Encoding: base64/i.test(headers!))
    return Buffer.from(body, "base64").toString("utf8");
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers!)) {
    const bytes = body
      .replace(/=\r?\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

describe("[MAIL] delivery", () => {
  it("sends through SMTP_URL with nodemailer, in the recipient's language, and keeps no copy", async () => {
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvCache();
    const to = uniqueEmail("smtp");
    await sendMail(to, "zh-CN", {
      kind: "reset_password",
      name: "李雷",
      link: "http://exchange.test/zh-CN/reset-password/abc",
    });
    // Queued in the outbox and delivered in the background.
    await outboxIdle();
    await processOutbox();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual([to]);
    expect(received[0]!.from).toBe("no-reply@exchange.localhost");
    expect(received[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m); // 重置您的密码, encoded
    const text = plainTextOf(received[0]!.raw);
    expect(text).toContain("李雷，您好");
    expect(text).toContain("http://exchange.test/zh-CN/reset-password/abc");
    expect(await mailsTo(to)).toHaveLength(0);
    // Nor does the outbox keep the body (and its one-time link) once delivered.
    const db = await getDb();
    const leftovers = await db
      .select()
      .from(outbox)
      .where(sql`${outbox.payload}->>'to' = ${to}`);
    expect(leftovers).toEqual([]);
  });

  it("an SMTP outage fails nothing and loses nothing: the mail is retried until delivered", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9"; // nothing listens there
    resetEnvCache();
    const to = uniqueEmail("retry");
    const before = received.length;
    await expect(
      sendMail(to, "en", {
        kind: "application_rejected",
        institution: "Y College",
        reason: "Late",
      }),
    ).resolves.toBeUndefined();
    await outboxIdle();
    expect(received.length).toBe(before);
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    resetEnvCache();
    vi.useFakeTimers({ toFake: ["Date"], now: new Date(Date.now() + 3_600_000) });
    try {
      await processOutbox();
    } finally {
      vi.useRealTimers();
    }
    expect(received.slice(before).map((r) => r.to)).toEqual([[to]]);
  });

  it("without SMTP_URL in demo mode keeps the message for the mailbox page", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    const to = uniqueEmail("box");
    await sendMail(to, "en", {
      kind: "application_rejected",
      institution: "X College",
      reason: "Incomplete",
    });
    const [mail] = await mailsTo(to);
    expect(mail).toMatchObject({
      subject: "Membership application declined: X College",
      locale: "en",
      transport: "mailbox",
    });
    expect(mail!.text).toContain("Reason: Incomplete");
  });

  it("refuses to drop mail silently in production without SMTP_URL", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      APP_MODE: "production",
      AUTH_SECRET: "x".repeat(40),
      DATABASE_URL: "postgres://127.0.0.1/unused",
    });
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      await expect(
        sendMail(uniqueEmail(), "en", { kind: "verify_email", name: "A", link: "http://x" }),
      ).rejects.toThrow(/SMTP_URL/);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});
