import { beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db";
import { institutions } from "@/db/schema";
import { lockOrder, lockRows, LockOrderError } from "@/lib/db/lock-order";
import { createInstitution } from "../support/fixtures";

// Opening (and migrating) the database can take long on a busy machine: a hook, not a test.
beforeAll(async () => {
  await getDb();
});

/** Three institutions, their ids ascending. */
async function threeIds(): Promise<[string, string, string]> {
  const ids = [];
  for (let i = 0; i < 3; i++) ids.push((await createInstitution()).id);
  return ids.sort() as [string, string, string];
}

describe("[DB] lock order", () => {
  it("is institution → order → licence → resource capacity → enrolment → account", () => {
    expect(lockOrder).toEqual([
      "institution",
      "order",
      "licence",
      "resource_capacity",
      "enrolment",
      "account",
    ]);
  });

  it("locks the rows asked for, ascending, and leaves out missing ones", async () => {
    const [a, b, c] = await threeIds();
    const db = await getDb();
    const missing = "00000000-0000-4000-8000-000000000000";
    const locked = await db.transaction((tx) =>
      lockRows(tx, "institution", institutions, [c, a, missing, b, a]),
    );
    expect(locked).toEqual([a, b, c]);
    expect(await db.transaction((tx) => lockRows(tx, "institution", institutions, []))).toEqual([]);
  });

  it("refuses a kind ranked before one already locked", async () => {
    const [a, b] = await threeIds();
    const db = await getDb();
    await db.transaction(async (tx) => {
      // The institutions table stands in for the later kinds, whose tables come in later issues.
      await lockRows(tx, "institution", institutions, [b]);
      await lockRows(tx, "order", institutions, [a]);
      await lockRows(tx, "account", institutions, [a]);
      await expect(lockRows(tx, "enrolment", institutions, [b])).rejects.toThrow(LockOrderError);
      await expect(lockRows(tx, "institution", institutions, [a])).rejects.toThrow(
        /institution rows after account rows/,
      );
    });
  });

  it("a row already held may be asked again after later kinds; a new one of its kind may not", async () => {
    const [a, b, c] = await threeIds();
    const db = await getDb();
    await db.transaction(async (tx) => {
      await lockRows(tx, "order", institutions, [b]);
      await lockRows(tx, "enrolment", institutions, [c]);
      // A nested step re-locking its order: held already, so it waits for nobody.
      expect(await lockRows(tx, "order", institutions, [b])).toEqual([b]);
      expect(await lockRows(tx, "order", institutions, [b], "share")).toEqual([b]);
      await expect(lockRows(tx, "order", institutions, [a, b])).rejects.toThrow(LockOrderError);
      // And the order goes on from where it was: a later kind is still fine.
      await lockRows(tx, "account", institutions, [a]);
    });
  });

  it("within one kind, ids ascend across calls; a row held again is harmless", async () => {
    const [a, b, c] = await threeIds();
    const db = await getDb();
    await db.transaction(async (tx) => {
      await lockRows(tx, "institution", institutions, [b]);
      await lockRows(tx, "institution", institutions, [b, c]);
      await expect(lockRows(tx, "institution", institutions, [a])).rejects.toThrow(
        /\(ids ascend\)/,
      );
    });
  });

  it("holds only the rows found: a missing id does not stop a lower one after it", async () => {
    const [a] = await threeIds();
    const db = await getDb();
    const missing = "ffffffff-ffff-4fff-bfff-ffffffffffff";
    await db.transaction(async (tx) => {
      expect(await lockRows(tx, "institution", institutions, [missing])).toEqual([]);
      expect(await lockRows(tx, "institution", institutions, [a])).toEqual([a]);
    });
  });

  it("requests sent together, in the order, are recorded in it whichever settles last", async () => {
    const [a, b, c] = await threeIds();
    const db = await getDb();
    await db.transaction(async (tx) => {
      // Not awaited in between: both go out on the connection at once (the hot paths do this).
      const orders = lockRows(tx, "order", institutions, [b]);
      const enrolments = lockRows(tx, "enrolment", institutions, [a]);
      expect(await Promise.all([orders, enrolments])).toEqual([[b], [a]]);
      // The later kind stands: an order now would come after an enrolment.
      await expect(lockRows(tx, "order", institutions, [c])).rejects.toThrow(
        /order rows after enrolment rows/,
      );
      // Both are held: asking for either again waits for nobody and is no error.
      expect(await lockRows(tx, "order", institutions, [b])).toEqual([b]);
      expect(await lockRows(tx, "account", institutions, [a])).toEqual([a]);
    });
    await db.transaction(async (tx) => {
      // Sent together out of the order, the second is refused before it goes out: the first
      // counts as held from when it was sent.
      const accounts = lockRows(tx, "account", institutions, [c]);
      await expect(lockRows(tx, "enrolment", institutions, [a])).rejects.toThrow(
        /enrolment rows after account rows/,
      );
      expect(await accounts).toEqual([c]);
    });
  });

  it("refuses to upgrade a row held FOR SHARE; a fresh transaction starts afresh", async () => {
    const [a, b] = await threeIds();
    const db = await getDb();
    await db.transaction(async (tx) => {
      await lockRows(tx, "institution", institutions, [a], "share");
      await lockRows(tx, "institution", institutions, [a], "share");
      await expect(lockRows(tx, "institution", institutions, [a], "update")).rejects.toThrow(
        /cannot be upgraded/,
      );
      await lockRows(tx, "institution", institutions, [b], "update");
    });
    await db.transaction(async (tx) => {
      expect(await lockRows(tx, "institution", institutions, [a], "update")).toEqual([a]);
    });
  });

  it("two transactions asking for one set in opposite orders take turns, without deadlock", async () => {
    const ids = await threeIds();
    const db = await getDb();
    const order: string[] = [];
    const work = (name: string, asked: string[]) =>
      db.transaction(async (tx) => {
        await lockRows(tx, "institution", institutions, asked);
        order.push(`${name} locked`);
        await new Promise((r) => setTimeout(r, 50));
        await tx
          .update(institutions)
          .set({ website: `https://${name}.example` })
          .where(inArray(institutions.id, ids));
        order.push(`${name} done`);
      });
    for (let round = 0; round < 3; round++) {
      order.length = 0;
      await Promise.all([work("one", [...ids]), work("two", [...ids].reverse())]);
      // Whoever locked first finished before the other could lock: the locks really held.
      expect(order[1]).toMatch(/done$/);
    }
  });
});
