import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { sql } from "drizzle-orm";
import { getDb, selectRows } from "@/db";
import { resetEnvCache } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { installQueues } from "@/lib/jobs/boss";
import { openJobs } from "@/lib/jobs/open";
import { messageIdOf, sendMail } from "@/lib/mail";
import { uniqueEmail } from "../support/fixtures";
import { eventually, jobsNaming, newIds, sleep } from "../support/jobs";

// The worker is its own process on PostgreSQL (PGlite is one process per directory).
const onPostgres = !!process.env.DATABASE_URL;

const messageIds: string[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  if (!onPostgres) return;
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (c: string) => (raw += c));
      // A few milliseconds per message, so the kill lands in the middle of the work.
      stream.on("end", () =>
        setTimeout(() => {
          messageIds.push(/^Message-ID:\s*(\S+)/im.exec(raw)?.[1] ?? "none");
          callback();
        }, 3),
      );
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.server.address() as AddressInfo).port;
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  resetEnvCache();
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  if (!onPostgres) return;
  delete process.env.SMTP_URL;
  resetEnvCache();
  await installQueues(await openJobs()); // the expiry this file shortened
  await new Promise<void>((r) => server.close(() => r()));
});

// Every worker this file starts, so none outlives a failed test.
const children: ChildProcess[] = [];

function startWorker(): ChildProcess {
  // Node itself with tsx as a loader: one process, so SIGKILL kills the worker, not a launcher.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.mts"], {
    env: {
      ...process.env,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      OUTBOX_MODE: "worker",
      JOBS_SUPERVISE_SECONDS: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) => child.once("exit", (code) => r(code)));

describe.runIf(onPostgres)("[JOBS] a worker killed mid-work", () => {
  it("kill -9 in the middle of 1,000 jobs: after restart every job ran, every mail arrived, repeats carry the same Message-ID", async () => {
    const boss = await openJobs();
    // A killed worker's jobs come back once their expiry passes: keep it short here.
    for (const q of ["mail.send", "search.sync"]) await boss.updateQueue(q, { expireInSeconds: 3 });
    const db = await getDb();
    const to = uniqueEmail("crash");
    await db.transaction(async (tx) => {
      for (let i = 0; i < 500; i++) {
        await sendMail(tx, to, "en", {
          kind: "verify_email",
          name: `N${i}`,
          link: `http://x/${i}`,
        });
      }
    });
    const resourceIds = newIds(500);
    await db.transaction(async (tx) => {
      for (const resourceId of resourceIds) await enqueue(tx, "search.sync", { resourceId });
    });
    const mailIds = (
      await selectRows<{ id: string }>(db, sql`select id from mail_messages where "to" = ${to}`)
    ).map((r) => r.id);
    expect(mailIds).toHaveLength(500);
    const expected = new Set(mailIds.map(messageIdOf));

    const first = startWorker();
    await eventually(async () => messageIds.filter((m) => expected.has(m)).length >= 50, 60_000);
    first.kill("SIGKILL");
    await exited(first);
    const before = new Set(messageIds.filter((m) => expected.has(m))).size;
    expect(before).toBeLessThan(500); // it really died in the middle

    const second = startWorker();
    try {
      await eventually(async () => {
        const arrived = new Set(messageIds.filter((m) => expected.has(m)));
        const jobs = await jobsNaming("resourceId", resourceIds);
        return arrived.size === 500 && jobs.every((j) => j.state === "completed");
      }, 120_000);
      // Any repeat is the same message (same Message-ID), never a new one.
      expect(new Set(messageIds.filter((m) => expected.has(m)))).toEqual(expected);
      expect(messageIds.filter((m) => !expected.has(m))).toEqual([]);
      const unsent = await selectRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from mail_messages where "to" = ${to} and sent_at is null`,
      );
      expect(Number(unsent[0]!.n)).toBe(0);

      // A lost database connection: the worker logs, reconnects and goes on.
      await db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
      );
      await sleep(500);
      const later = uniqueEmail("after-loss");
      await (
        await getDb()
      ).transaction((tx) =>
        sendMail(tx, later, "en", { kind: "verify_email", name: "L", link: "http://x/l" }),
      );
      const [row] = await selectRows<{ id: string }>(
        await getDb(),
        sql`select id from mail_messages where "to" = ${later}`,
      );
      await eventually(async () => messageIds.includes(messageIdOf(row!.id)), 60_000);
    } finally {
      second.kill("SIGTERM");
    }
    // SIGTERM: finishes what runs and exits cleanly.
    expect(await exited(second)).toBe(0);
  }, 300_000);
});
