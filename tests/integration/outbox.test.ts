import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { outbox } from "@/db/schema";
import { enqueue, onOutbox, processOutbox } from "@/lib/outbox";
import { refreshSearchRow } from "@/lib/search/documents";
import { syncResources } from "@/lib/search";
import { editorAndAdmin, publishedResource } from "../support/catalogue-fixtures";

const rowsFor = async (resourceId: string) => {
  const db = await getDb();
  return db
    .select()
    .from(outbox)
    .where(sql`${outbox.payload}->>'resourceId' = ${resourceId}`);
};

afterEach(() => {
  vi.useRealTimers();
});

afterAll(() =>
  onOutbox("search.sync", (p) =>
    syncResources(p.map((x) => (x as { resourceId: string }).resourceId)),
  ),
);

describe("[OUTBOX] search sync", () => {
  it("a rolled-back change leaves nothing to sync; a committed one is synced exactly once", async () => {
    const { inst, actor, admin } = await editorAndAdmin();
    const r = await publishedResource(actor, admin, inst.slug);
    await processOutbox(); // settle what publishing queued
    const db = await getDb();
    const before = (await rowsFor(r.id)).length;

    await expect(
      db.transaction(async (tx) => {
        await refreshSearchRow(tx, r.id);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await rowsFor(r.id)).length).toBe(before);

    await db.transaction((tx) => refreshSearchRow(tx, r.id));
    const pending = await db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.processedAt), sql`${outbox.payload}->>'resourceId' = ${r.id}`));
    expect(pending).toHaveLength(1);

    const synced: string[] = [];
    // The real handlers register when their module is first imported: replace them after that.
    await import("@/lib/outbox/handlers");
    onOutbox("search.sync", async (payloads) => {
      for (const p of payloads) synced.push((p as { resourceId: string }).resourceId);
    });
    await processOutbox();
    await processOutbox();
    expect(synced.filter((id) => id === r.id)).toEqual([r.id]);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, pending[0]!.id));
    expect(row?.processedAt).not.toBeNull();
  });

  it("a failing row backs off with its error recorded, does not block others, and succeeds later", async () => {
    const db = await getDb();
    await import("@/lib/outbox/handlers");
    await processOutbox(); // start from an empty queue
    const bad = "00000000-0000-0000-0000-000000000001";
    const good = "00000000-0000-0000-0000-000000000002";
    await db.transaction(async (tx) => {
      await enqueue(tx, "search.sync", { resourceId: bad });
      await enqueue(tx, "search.sync", { resourceId: good });
    });
    let fail = true;
    const seen: string[] = [];
    onOutbox("search.sync", async (payloads) => {
      const ids = payloads.map((p) => (p as { resourceId: string }).resourceId);
      if (fail && ids.includes(bad)) throw new Error("engine down");
      // Other files' rows may share this database (PostgreSQL runs): watch only ours.
      seen.push(...ids.filter((id) => id === bad || id === good));
    });
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2027-01-01T00:00:00Z") });
    await processOutbox();
    expect(seen).toEqual([good]);
    const rowOf = async (id: string) =>
      (
        await db
          .select()
          .from(outbox)
          .where(sql`${outbox.payload}->>'resourceId' = ${id}`)
      )[0]!;
    expect(await rowOf(bad)).toMatchObject({ processedAt: null, lastError: "engine down" });
    expect((await rowOf(good)).processedAt).not.toBeNull();
    // Still backing off: nothing is retried yet.
    fail = false;
    await processOutbox();
    expect(seen).toEqual([good]);
    vi.setSystemTime(new Date("2027-01-01T01:00:00Z"));
    await processOutbox();
    expect(seen).toEqual([good, bad]);
    expect((await rowOf(bad)).processedAt).not.toBeNull();
  });
});
