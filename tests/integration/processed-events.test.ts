import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { institutions, processedEvents } from "@/db/schema";
import { recordEventOnce } from "@/lib/events/processed-events";

// Opening (and migrating) the database can take long on a busy machine: a hook, not a test.
beforeAll(async () => {
  await getDb();
});

/** A webhook handler in miniature: mark the event, then make its effect, in one transaction. */
async function handle(eventId: string, marker: string, opts: { failAfter?: boolean } = {}) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const first = await recordEventOnce(tx, "stripe", eventId, "checkout.session.completed");
    if (first) await effect(tx, marker);
    // Hold the transaction open a little, so concurrent deliveries overlap on PostgreSQL.
    await new Promise((r) => setTimeout(r, 20));
    if (opts.failAfter) throw new Error("handler crashed");
    return first;
  });
}

async function effect(tx: DbOrTx, marker: string) {
  await tx.insert(institutions).values({
    slug: `${marker}-${randomUUID().slice(0, 8)}`,
    nameZh: "效果",
    nameEn: "Effect",
    kind: "university",
  });
}

async function effectsOf(marker: string) {
  const db = await getDb();
  return db
    .select()
    .from(institutions)
    .where(like(institutions.slug, `${marker}-%`));
}

const newMarker = () => `evt-${randomUUID().slice(0, 8)}`;

describe("[EVENTS] processed events", () => {
  it("an event delivered twice is handled once", async () => {
    const eventId = `evt_${randomUUID()}`;
    const marker = newMarker();
    expect(await handle(eventId, marker)).toBe(true);
    expect(await handle(eventId, marker)).toBe(false);
    expect(await effectsOf(marker)).toHaveLength(1);
    const db = await getDb();
    const rows = await db
      .select()
      .from(processedEvents)
      .where(and(eq(processedEvents.provider, "stripe"), eq(processedEvents.eventId, eventId)));
    expect(rows).toEqual([
      expect.objectContaining({ type: "checkout.session.completed", receivedAt: expect.any(Date) }),
    ]);
  });

  it("concurrent deliveries: exactly one is first", async () => {
    for (let round = 0; round < 3; round++) {
      const eventId = `evt_${randomUUID()}`;
      const marker = newMarker();
      const results = await Promise.all(Array.from({ length: 4 }, () => handle(eventId, marker)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await effectsOf(marker)).toHaveLength(1);
    }
  });

  it("a rolled-back handler leaves the event unprocessed for the retry", async () => {
    const eventId = `evt_${randomUUID()}`;
    const marker = newMarker();
    await expect(handle(eventId, marker, { failAfter: true })).rejects.toThrow("handler crashed");
    expect(await effectsOf(marker)).toHaveLength(0);
    // Racing a crashing delivery: whichever order they run in, the event is handled once.
    const both = await Promise.allSettled([
      handle(eventId, marker, { failAfter: true }),
      handle(eventId, marker),
    ]);
    expect(both[0].status).toBe("rejected");
    expect(both[1]).toEqual({ status: "fulfilled", value: true });
    expect(await effectsOf(marker)).toHaveLength(1);
    expect(await handle(eventId, marker)).toBe(false);
  });

  it("events are keyed by provider, and bad input is refused", async () => {
    const db = await getDb();
    const eventId = `evt_${randomUUID()}`;
    await db.transaction(async (tx) => {
      expect(await recordEventOnce(tx, "stripe", eventId, "a")).toBe(true);
      expect(await recordEventOnce(tx, "alipay", eventId, "a")).toBe(true);
      expect(await recordEventOnce(tx, "stripe", eventId, "b")).toBe(false);
    });
    await db.transaction(async (tx) => {
      await expect(recordEventOnce(tx, "Stripe!", eventId, "a")).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
      await expect(recordEventOnce(tx, "stripe", "", "a")).rejects.toMatchObject({
        code: "BAD_REQUEST",
      });
    });
  });
});
