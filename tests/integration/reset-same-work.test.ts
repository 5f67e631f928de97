import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getTableName, type Table } from "drizzle-orm";
import { PgDatabase } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { requestPasswordReset } from "@/lib/accounts/service";
import type * as Mail from "@/lib/mail";
import type * as Tokens from "@/lib/auth/tokens";
import { createUser, mailsTo, uniqueEmail } from "../support/fixtures";

// Count the work both paths do: token generation (random bytes + SHA-256) and mails sent.
const seen = vi.hoisted(() => ({ tokens: 0, mails: [] as string[] }));

vi.mock("@/lib/auth/tokens", async (importOriginal) => {
  const real = await importOriginal<typeof Tokens>();
  return {
    ...real,
    newToken: () => {
      seen.tokens++;
      return real.newToken();
    },
  };
});

vi.mock("@/lib/mail", async (importOriginal) => {
  const real = await importOriginal<typeof Mail>();
  return {
    ...real,
    sendMail: (...args: Parameters<typeof real.sendMail>) => {
      seen.mails.push(args.length > 0 ? "mail" : "none");
      return real.sendMail(...args);
    },
  };
});

beforeAll(async () => {
  await getDb();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Every write statement `work` makes through drizzle (plain or in a transaction), in order. */
async function writesOf(work: () => Promise<void>): Promise<string[]> {
  const ops = ["insert", "update", "delete"] as const;
  const spies = ops.map((op) => vi.spyOn(PgDatabase.prototype, op));
  const execute = vi.spyOn(PgDatabase.prototype, "execute");
  await work();
  const calls = spies.flatMap((spy, i) =>
    spy.mock.calls.map((args, n) => ({
      order: spy.mock.invocationCallOrder[n]!,
      what: `${ops[i]} ${getTableName(args[0] as Table)}`,
    })),
  );
  calls.push(
    ...execute.mock.calls.map((_, n) => ({
      order: execute.mock.invocationCallOrder[n]!,
      what: "execute",
    })),
  );
  for (const spy of [...spies, execute]) spy.mockRestore();
  return calls.sort((a, b) => a.order - b.order).map((c) => c.what);
}

async function workOf(email: string) {
  seen.tokens = 0;
  seen.mails = [];
  const writes = await writesOf(() => requestPasswordReset({ email }, "en"));
  return { writes, tokens: seen.tokens, mails: seen.mails.length };
}

describe("[ACCOUNTS] password reset does the same work for known and unknown addresses", () => {
  it("the same token hashing, the same writes in the same order, one mail each", async () => {
    const user = await createUser();
    const known = await workOf(user.email);
    const unknown = await workOf(uniqueEmail("ghost"));

    expect(known.tokens).toBe(1);
    expect(known.mails).toBe(1);
    expect(known.writes).toContain("insert email_tokens");
    expect(known.writes).toContain("insert mail_messages");
    expect(unknown).toEqual(known);
  });

  it("once the address's mail limit is reached, both stop at the same point", async () => {
    const user = await createUser();
    const ghost = uniqueEmail("ghost");
    for (let i = 0; i < 5; i++) {
      await requestPasswordReset({ email: user.email }, "en");
      await requestPasswordReset({ email: ghost }, "en");
    }
    const known = await workOf(user.email);
    const unknown = await workOf(ghost);
    expect(known).toEqual({ writes: ["insert rate_limits"], tokens: 0, mails: 0 });
    expect(unknown).toEqual(known);
    expect(await mailsTo(user.email)).toHaveLength(5);
    expect(await mailsTo(ghost)).toHaveLength(5);
  });
});
