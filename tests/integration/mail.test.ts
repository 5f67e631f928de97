import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { mailMessages } from "@/db/schema";
import { messageIdOf, sendMail } from "@/lib/mail";
import { resetEnvCache } from "@/lib/env";
import { openJobs } from "@/lib/jobs/open";
import { installQueues } from "@/lib/jobs/boss";
import { jobHandlers } from "@/lib/jobs/handlers";
import { drainJobs } from "@/lib/jobs/workers";
import type { MailTemplate } from "@/lib/mail/templates";
import { mailsTo, uniqueEmail } from "../support/fixtures";
import { eventually, jobsNaming } from "../support/jobs";

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
// Deliveries to refuse (a flaky SMTP server): each refusal uses one up.
let refusals = 0;
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      if (refusals > 0) {
        refusals--;
        stream.resume();
        stream.on("end", () =>
          callback(Object.assign(new Error("try later"), { responseCode: 451 })),
        );
        return;
      }
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
  delete process.env.DEMO_HOST;
  resetEnvCache();
  await installQueues(await openJobs()); // the retry policy some tests shortened
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

const useSmtp = () => {
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetEnvCache();
};

/** sendMail in its own committed transaction; the row it wrote. */
async function mailOnce(to: string, locale: "en" | "zh-CN", template: MailTemplate) {
  const db = await getDb();
  await db.transaction((tx) => sendMail(tx, to, locale, template));
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.to, to));
  return row!;
}

const deliveredTo = (to: string) => received.filter((r) => r.to.includes(to));
const messageIdIn = (raw: string) => /^Message-ID:\s*(\S+)/im.exec(raw)?.[1];

describe("[MAIL] delivery", () => {
  it("sends through SMTP_URL in the recipient's language with the row's Message-ID, then erases the body", async () => {
    useSmtp();
    const to = uniqueEmail("smtp");
    const row = await mailOnce(to, "zh-CN", {
      kind: "reset_password",
      name: "李雷",
      link: "http://exchange.test/zh-CN/reset-password/abc",
    });
    // The job names the row; the link never sits in the queue.
    const [job] = await jobsNaming("mailId", [row.id]);
    expect(job!.data).toEqual({ mailId: row.id });
    await drainJobs(jobHandlers, ["mail.send"]);
    const got = deliveredTo(to);
    expect(got).toHaveLength(1);
    expect(got[0]!.from).toBe("no-reply@exchange.localhost");
    expect(got[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m); // 重置您的密码, encoded
    expect(messageIdIn(got[0]!.raw)).toBe(messageIdOf(row.id));
    const text = plainTextOf(got[0]!.raw);
    expect(text).toContain("李雷，您好");
    expect(text).toContain("http://exchange.test/zh-CN/reset-password/abc");
    const [after] = await (
      await getDb()
    )
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.id, row.id));
    expect(after).toMatchObject({ transport: "smtp", text: null, html: null });
    expect(after!.sentAt).not.toBeNull();
    // Not in the demo mailbox either.
    expect(await mailsTo(to)).toHaveLength(0);
    // A job that runs again (at-least-once delivery) sends nothing twice.
    await jobHandlers["mail.send"]([{ mailId: row.id }]);
    expect(deliveredTo(to)).toHaveLength(1);
  });

  it("mail of a rolled-back transaction is never written nor queued", async () => {
    useSmtp();
    const to = uniqueEmail("rollback");
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await sendMail(tx, to, "en", { kind: "verify_email", name: "A", link: "http://x" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await db.select().from(mailMessages).where(eq(mailMessages.to, to))).toEqual([]);
    await drainJobs(jobHandlers, ["mail.send"]);
    expect(deliveredTo(to)).toEqual([]);
  });

  it("a committed mail is delivered exactly once even when SMTP refuses it twice first", async () => {
    useSmtp();
    const boss = await openJobs();
    // Short pauses between attempts, so the test need not wait minutes of backoff.
    await boss.updateQueue("mail.send", { retryDelay: 1, retryBackoff: false });
    const to = uniqueEmail("retry");
    refusals = 2;
    const row = await mailOnce(to, "en", {
      kind: "application_rejected",
      institution: "Y College",
      reason: "Late",
    });
    await eventually(async () => {
      await drainJobs(jobHandlers, ["mail.send"]);
      return deliveredTo(to).length > 0;
    });
    await drainJobs(jobHandlers, ["mail.send"]);
    expect(refusals).toBe(0);
    expect(deliveredTo(to)).toHaveLength(1);
    const [after] = await (
      await getDb()
    )
      .select()
      .from(mailMessages)
      .where(eq(mailMessages.id, row.id));
    expect(after!.attempts).toBe(3);
  });

  it("without SMTP_URL a local demo keeps the message for the mailbox page and queues nothing", async () => {
    delete process.env.SMTP_URL;
    resetEnvCache();
    const to = uniqueEmail("box");
    const row = await mailOnce(to, "en", {
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
    expect(await jobsNaming("mailId", [row.id])).toEqual([]);
  });

  it("a public demo (DEMO_HOST) has no mailbox: the mail goes to the server log", async () => {
    delete process.env.SMTP_URL;
    process.env.DEMO_HOST = "0.0.0.0";
    resetEnvCache();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const to = uniqueEmail("log");
      const row = await mailOnce(to, "en", { kind: "verify_email", name: "A", link: "http://x/v" });
      expect(row.transport).toBe("log");
      expect(await mailsTo(to)).toHaveLength(0);
      await drainJobs(jobHandlers, ["mail.send"]);
      expect(log.mock.calls.some((c) => String(c[0]).includes(to))).toBe(true);
    } finally {
      log.mockRestore();
      delete process.env.DEMO_HOST;
      resetEnvCache();
    }
  });

  it("refuses to drop mail silently in production without SMTP_URL", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      APP_MODE: "production",
      AUTH_SECRET: "x".repeat(40),
      LEDGER_SIGNING_JWKS: "{}",
      CREDENTIAL_SIGNING_JWKS: "{}",
      DATABASE_URL: "postgres://127.0.0.1/unused",
    });
    delete process.env.SMTP_URL;
    resetEnvCache();
    try {
      const db = await getDb();
      await expect(
        db.transaction((tx) =>
          sendMail(tx, uniqueEmail(), "en", { kind: "verify_email", name: "A", link: "http://x" }),
        ),
      ).rejects.toThrow(/SMTP_URL/);
    } finally {
      process.env = saved;
      resetEnvCache();
    }
  });
});
