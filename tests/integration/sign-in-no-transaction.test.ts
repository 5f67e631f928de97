import { beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { getDb, getDbKind, selectRows } from "@/db";
import { authenticate } from "@/lib/auth/authenticate";
import type * as Password from "@/lib/auth/password";
import { createUser, PASSWORD } from "../support/fixtures";

// Pause inside the argon2 check and probe the database from outside the sign-in meanwhile.
const probe = vi.hoisted(() => ({ during: null as null | (() => Promise<void>) }));

vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof Password>();
  return {
    ...real,
    verifyPassword: async (hash: string | null, password: string) => {
      await probe.during?.();
      return real.verifyPassword(hash, password);
    },
  };
});

beforeAll(async () => {
  await getDb();
});

/** Resolves to what `work` gave, or "timed out" (the probe was kept waiting). */
async function within<T>(ms: number, work: Promise<T>): Promise<T | "timed out"> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe("[AUTH] the password check holds no transaction or lock", () => {
  it.each([
    ["a wrong password", "not the password"],
    ["the right password", PASSWORD],
  ])("with %s, other queries and the throttle rows stay free during argon2", async (_, pw) => {
    const user = await createUser();
    const address = `198.19.${Math.floor(Math.random() * 250) + 1}.7`;
    const keys = [`email:${user.email}`, `ip:${address}`];
    const db = await getDb();
    const seen: { plain?: unknown; locked?: unknown } = {};
    probe.during = async () => {
      // PGlite has one connection: an open transaction would keep this waiting.
      seen.plain = await within(
        3000,
        selectRows<{ one: number }>(db, sql`select 1 as one`).then((r) => r[0]?.one),
      );
      // PostgreSQL: a row lock held by the sign-in would make NOWAIT fail.
      seen.locked = await within(
        3000,
        db
          .transaction(async (tx) => {
            const rows = await selectRows<{ key: string }>(
              tx,
              sql`select key from sign_in_throttles where key in (${sql.join(
                keys.map((k) => sql`${k}`),
                sql`, `,
              )}) order by key for update nowait`,
            );
            return rows.map((r) => r.key);
          })
          .catch((e: unknown) => `refused: ${String(e)}`),
      );
    };
    try {
      await authenticate({ email: user.email, password: pw }, address);
    } finally {
      probe.during = null;
    }
    expect(seen.plain).toBe(1);
    // The attempt was counted before the check, so both rows exist, and neither is locked.
    expect(seen.locked).toEqual([...keys].sort());
    expect(["pglite", "postgres"]).toContain(await getDbKind());
  });
});
