import { z } from "zod";
import type { DbOrTx } from "@/db";
import { processedEvents } from "@/db/schema";
import { now } from "@/lib/clock";
import { parseInput } from "@/lib/validation";

const eventSchema = z.object({
  provider: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  eventId: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
});

/**
 * Mark a provider's event as handled: true the first time, false for every later delivery.
 * Call it inside the handler's transaction, before its effects: the mark commits exactly when the
 * effects do, and a rollback leaves the event unhandled for the provider's retry. Two deliveries
 * at once meet on the primary key: the second waits for the first's transaction and gets false
 * if it committed (true if it rolled back).
 */
export async function recordEventOnce(
  tx: DbOrTx,
  provider: string,
  eventId: string,
  type: string,
): Promise<boolean> {
  const e = parseInput(eventSchema, { provider, eventId, type });
  const inserted = await tx
    .insert(processedEvents)
    .values({ ...e, receivedAt: now() })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return inserted.length === 1;
}
